import type { ProductImage } from '../../domain';

/** A READY image as clients see it: stable public paths the API serves under /media/. */
export interface ProductImageView {
  id: string;
  status: 'READY';
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
  contentType: string;
}

/** Content-addressed objects are public under this path (served by MediaHttpController); uploads never are. */
export const mediaUrlOf = (key: string): string => `/media/${key}`;

export const toProductImageView = (image: ProductImage): ProductImageView => {
  const rendered = image.rendered!;
  return {
    id: image.id,
    status: 'READY',
    url: mediaUrlOf(rendered.imageKey),
    thumbnailUrl: mediaUrlOf(rendered.thumbnailKey),
    width: rendered.width,
    height: rendered.height,
    contentType: image.contentType,
  };
};
