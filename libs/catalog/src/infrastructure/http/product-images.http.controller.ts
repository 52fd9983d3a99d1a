import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAdminAuth, ApiProblems, Roles } from '@keel/http';
import { CompleteImageUploadCommand, CreateImageUploadCommand, DeleteProductImageCommand, type ImageUploadView } from '../../application';
import { CreateImageUploadRequestDto } from './dto/create-image-upload.request.dto';
import { ImageProcessingResponseDto, ImageUploadResponseDto } from './dto/image-upload.response.dto';
import { ProductIdParamDto } from './dto/product-id.param.dto';
import { ProductImageIdParamsDto } from './dto/product-image-id.params.dto';

/** Product images: the bytes go straight to object storage, never through the API. */
@ApiTags('catalog')
@Controller('products/:id/images')
@Roles('admin')
@ApiAdminAuth()
export class ProductImagesHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({
    operationId: 'createProductImageUpload',
    summary: 'Start an image upload for a product (admin)',
    description:
      'Returns a presigned PUT URL (valid 10 minutes) bound to the declared type and size. Upload the bytes there, ' +
      'then call …/complete.',
  })
  @ApiCreatedResponse({ type: ImageUploadResponseDto })
  @ApiProblems(
    400,
    401,
    403,
    [404, 'No such product'],
    [413, 'Declared size over IMAGE_MAX_BYTES (`image-too-large`)'],
    [415, 'Not image/png, image/jpeg or image/webp (`unsupported-image-type`)'],
    [503, 'Object storage cannot sign the upload URL (its settings are incomplete)'],
  )
  create(@Param() params: ProductIdParamDto, @Body() body: CreateImageUploadRequestDto): Promise<ImageUploadView> {
    return this.commands.execute(new CreateImageUploadCommand(params.id, body.contentType, body.contentLength));
  }

  @Post(':imageId/complete')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    operationId: 'completeProductImageUpload',
    summary: 'Say an image upload is complete (admin)',
    description: 'A job verifies the bytes (size, type, magic bytes, decoding), renders a thumbnail and marks the image READY or REJECTED.',
  })
  @ApiAcceptedResponse({ type: ImageProcessingResponseDto })
  @ApiProblems(400, 401, 403, [404, 'No such product image'], [409, 'The image is not PENDING (`image-not-pending`)'])
  complete(@Param() params: ProductImageIdParamsDto): Promise<{ id: string; status: 'PROCESSING' }> {
    return this.commands.execute(new CompleteImageUploadCommand(params.id, params.imageId));
  }

  @Delete(':imageId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'deleteProductImage',
    summary: 'Delete a product image (admin)',
    description: 'Its objects are removed by a job.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, [404, 'No such product image'])
  async remove(@Param() params: ProductImageIdParamsDto): Promise<void> {
    await this.commands.execute(new DeleteProductImageCommand(params.id, params.imageId));
  }
}
