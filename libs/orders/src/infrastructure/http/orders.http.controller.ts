import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ApiPageResponse,
  ApiProblems,
  ApiUserAuth,
  type AuthenticatedUser,
  CurrentUser,
  Idempotent,
  type Page,
  Roles,
  UUID_FORMAT,
} from '@keel/http';
import { ValidationError } from '@keel/kernel/domain';
import {
  CancelOrderCommand,
  GetInvoiceDownloadQuery,
  GetOrderQuery,
  ListOrderPaymentsQuery,
  ListOrdersQuery,
  type OrderPaymentsView,
  type OrderView,
  type OrderViewer,
  PlaceOrderCommand,
} from '../../application';
import { ListOrdersQueryDto } from './dto/list-orders.query.dto';
import { OrderResponseDto } from './dto/order.response.dto';
import { PaymentListResponseDto } from './dto/payment.response.dto';
import { PlaceOrderRequestDto } from './dto/place-order.request.dto';

const viewerOf = (user: AuthenticatedUser): OrderViewer => ({ userId: user.id, isAdmin: user.roles.includes('admin') });

const OrderId = () =>
  Param(
    'id',
    new ParseUUIDPipe({
      version: 'all',
      exceptionFactory: () => new ValidationError('The order id is not a UUID.', [{ field: 'id', message: 'must be a UUID' }]),
    }),
  );

@ApiTags('orders')
@ApiUserAuth()
@Controller('orders')
export class OrdersHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('customer')
  // Requires the Idempotency-Key header (400 naming it otherwise), replays a repeat, 422 on another body, 409 while in flight.
  @Idempotent({ scope: 'orders.place-order' })
  @ApiOperation({
    operationId: 'placeOrder',
    summary: 'Place an order',
    description:
      'Prices are taken from the catalog now. The order starts PENDING and moves on asynchronously ' +
      '(stock reservation, then payment). Retry with the same Idempotency-Key and body to be safe from duplicates.',
  })
  @ApiCreatedResponse({ type: OrderResponseDto })
  @ApiProblems(
    [400, 'Invalid body or missing/too long Idempotency-Key (see `errors`)'],
    401,
    [403, 'Only customers place orders, and only once their email address is verified (`email-not-verified`)'],
    [404, 'Unknown products (named in `detail`)'],
    [409, 'Conflict'],
    [422, 'Mixed currencies (`mixed-currencies`), or the payment provider is switched off (`payment-provider-unavailable`)'],
  )
  place(@CurrentUser() user: AuthenticatedUser, @Body() body: PlaceOrderRequestDto): Promise<OrderView> {
    return this.commands.execute(new PlaceOrderCommand(user.id, body.items, body.payment));
  }

  @Get()
  @ApiOperation({
    operationId: 'listOrders',
    summary: 'Orders, newest first',
    description: 'A customer sees their own orders; an admin sees everyone’s.',
  })
  @ApiPageResponse(OrderResponseDto)
  @ApiProblems(400, 401)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListOrdersQueryDto): Promise<Page<OrderView>> {
    return this.queries.execute(new ListOrdersQuery(viewerOf(user), query.limit, query.cursor, query.status));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getOrder', summary: 'One order (owner or admin)' })
  @ApiParam({ name: 'id', schema: UUID_FORMAT })
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiProblems(400, 401, [404, 'No such order, or not yours'])
  get(@CurrentUser() user: AuthenticatedUser, @OrderId() id: string): Promise<OrderView> {
    return this.queries.execute(new GetOrderQuery(id, viewerOf(user)));
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'cancelOrder',
    summary: 'Cancel an order (owner or admin)',
    description: 'Possible while PENDING, CONFIRMED or PAID: held stock is released and a paid order is refunded.',
  })
  @ApiParam({ name: 'id', schema: UUID_FORMAT })
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiProblems(400, 401, [404, 'No such order, or not yours'], [409, 'The order is REJECTED, PAYMENT_FAILED or already CANCELLED'])
  cancel(@CurrentUser() user: AuthenticatedUser, @OrderId() id: string): Promise<OrderView> {
    return this.commands.execute(new CancelOrderCommand(id, viewerOf(user)));
  }

  @Get(':id/payments')
  @ApiOperation({ operationId: 'listOrderPayments', summary: 'Payment attempts of one order (owner or admin)' })
  @ApiParam({ name: 'id', schema: UUID_FORMAT })
  @ApiOkResponse({ type: PaymentListResponseDto, description: 'Payment attempts, oldest first' })
  @ApiProblems(400, 401, [404, 'No such order, or not yours'])
  payments(@CurrentUser() user: AuthenticatedUser, @OrderId() id: string): Promise<OrderPaymentsView> {
    return this.queries.execute(new ListOrderPaymentsQuery(id, viewerOf(user)));
  }

  @Get(':id/invoice')
  @ApiOperation({
    operationId: 'getOrderInvoice',
    summary: 'Download the invoice of a paid order (owner or admin)',
    description:
      'Redirects (302) to a presigned download URL of object storage, valid 5 minutes, that serves the PDF as an ' +
      'attachment named `invoice-<number>.pdf`. The invoice is rendered by a job a few seconds after payment.',
  })
  @ApiParam({ name: 'id', schema: UUID_FORMAT })
  @ApiFoundResponse({
    description: 'The PDF is at Location',
    headers: {
      Location: { description: 'Presigned URL of the PDF (valid 5 minutes)', schema: { type: 'string', format: 'uri', maxLength: 4096 } },
    },
  })
  @ApiProblems(
    400,
    401,
    [404, 'No such order, or not yours'],
    [409, 'The order has no invoice yet (`invoice-not-ready`)'],
    [503, 'Object storage cannot sign the download URL (its settings are incomplete)'],
  )
  async invoice(@CurrentUser() user: AuthenticatedUser, @OrderId() id: string, @Res() reply: FastifyReply): Promise<void> {
    const link = await this.queries.execute(new GetInvoiceDownloadQuery(viewerOf(user), id));
    // The link is personal and short-lived: no cache may keep the redirect.
    await reply.header('cache-control', 'private, no-store').redirect(link.url, HttpStatus.FOUND);
  }
}
