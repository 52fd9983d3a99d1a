import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/** Documents `{ items: T[], nextCursor: string | null }` for a list endpoint. */
export function ApiPageResponse(item: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', maxItems: 100, items: { $ref: getSchemaPath(item) } },
          nextCursor: {
            type: 'string',
            nullable: true,
            maxLength: 200,
            pattern: '^[A-Za-z0-9_-]+$',
            example: 'eyJjIjoiMjAyNi0xMi0wMVQwOTozMDowMC4wMDBaIn0',
            description: 'Pass as ?cursor= for the next page; null on the last page',
          },
        },
      },
    }),
  );
}
