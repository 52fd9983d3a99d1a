import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiAdminAuth, ApiPageResponse, ApiProblems, type Page, Public, Roles } from '@keel/http';
import {
  AdjustProductStockCommand,
  CreateProductCommand,
  GetProductQuery,
  ListProductsQuery,
  type ProductView,
  UpdateProductCommand,
} from '../../application';
import { AdjustStockRequestDto } from './dto/adjust-stock.request.dto';
import { CreateProductRequestDto } from './dto/create-product.request.dto';
import { ListProductsQueryDto } from './dto/list-products.query.dto';
import { ProductIdParamDto } from './dto/product-id.param.dto';
import { ProductResponseDto } from './dto/product.response.dto';
import { UpdateProductRequestDto } from './dto/update-product.request.dto';
import { ifNoneMatchMatches } from './etag';

const ETAG_HEADER = {
  ETag: {
    description: 'Strong validator of this representation; send it back in If-None-Match',
    schema: { type: 'string', maxLength: 64, pattern: '^"[A-Za-z0-9_-]+"$' },
  },
};

@ApiTags('catalog')
@Controller('products')
export class ProductsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('admin')
  @ApiAdminAuth()
  @ApiOperation({ operationId: 'createProduct', summary: 'Create a product with its initial stock (admin)' })
  @ApiCreatedResponse({
    type: ProductResponseDto,
    headers: { Location: { description: 'URL of the new product', schema: { type: 'string', format: 'uri-reference', maxLength: 100 } } },
  })
  @ApiProblems(400, 401, 403, [409, 'A product with this SKU already exists (`duplicate-sku`)'])
  async create(@Body() body: CreateProductRequestDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ProductView> {
    const product = await this.commands.execute(
      new CreateProductCommand(
        body.sku,
        body.name,
        body.description ?? null,
        { amount: body.price.amount, currency: body.price.currency },
        body.stock,
      ),
    );
    void reply.header('location', `/api/v1/products/${product.id}`);
    return product;
  }

  @Public()
  @Get()
  @ApiOperation({ operationId: 'listProducts', summary: 'Products, newest first; `q` finds text in the name or SKU' })
  @ApiPageResponse(ProductResponseDto)
  @ApiProblems(400)
  list(@Query() query: ListProductsQueryDto): Promise<Page<ProductView>> {
    return this.queries.execute(new ListProductsQuery(query.limit, query.cursor, query.q));
  }

  @Public()
  @Get(':id')
  @ApiOperation({
    operationId: 'getProduct',
    summary: 'One product with its available stock',
    description: 'Carries a strong ETag; a matching If-None-Match gets 304 Not Modified with no body.',
  })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'ETag(s) of representations the client holds, or `*`',
    // Bounded by the server's limit on the size of all request headers (HTTP_MAX_HEADER_BYTES).
    schema: { type: 'string', maxLength: 16384, example: '"3q2+7w"' },
  })
  @ApiOkResponse({ type: ProductResponseDto, headers: ETAG_HEADER })
  @ApiNotModifiedResponse({ description: 'The representation still matches If-None-Match', headers: ETAG_HEADER })
  @ApiProblems(400, [404, 'No such product'])
  async get(
    @Param() params: ProductIdParamDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Bytes and ETag as built once for this product state (GetProductHandler): nothing is serialised or hashed here.
    const { body, etag } = await this.queries.execute(new GetProductQuery(params.id));
    // Stock changes often: clients may keep the body but must revalidate before using it.
    void reply.header('etag', etag).header('cache-control', 'no-cache');
    if (ifNoneMatchMatches(ifNoneMatch, etag)) {
      await reply.status(HttpStatus.NOT_MODIFIED).send();
      return;
    }
    await reply.status(HttpStatus.OK).type('application/json; charset=utf-8').send(body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiAdminAuth()
  @ApiOperation({ operationId: 'updateProduct', summary: 'Change the name, description or price of a product (admin)' })
  @ApiBody({ type: UpdateProductRequestDto, description: 'At least one of name, description, price; absent fields stay as they are' })
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiProblems(400, 401, 403, [404, 'No such product'])
  update(@Param() params: ProductIdParamDto, @Body() body: UpdateProductRequestDto): Promise<ProductView> {
    return this.commands.execute(
      new UpdateProductCommand(params.id, {
        name: body.name,
        description: body.description,
        price: body.price && { amount: body.price.amount, currency: body.price.currency },
      }),
    );
  }

  @Post(':id/stock-adjustments')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiAdminAuth()
  @ApiOperation({
    operationId: 'adjustStock',
    summary: 'Correct the available stock of a product (admin)',
    description: 'Atomic: concurrent adjustments never take the stock below zero.',
  })
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiProblems(400, 401, 403, [404, 'No such product'], [409, 'The stock would go negative (`insufficient-stock`)'])
  adjustStock(@Param() params: ProductIdParamDto, @Body() body: AdjustStockRequestDto): Promise<ProductView> {
    return this.commands.execute(new AdjustProductStockCommand(params.id, body.delta, body.reason));
  }
}
