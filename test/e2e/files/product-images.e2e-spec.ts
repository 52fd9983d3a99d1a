import { S3ObjectStorage } from '@keel/storage';
import { CommandBus } from '@nestjs/cqrs';
import { RemoveAbandonedUploadsCommand } from '../../../libs/catalog/src/application';
import { TEST_BUCKET, TestObjectStorage } from '../../support/object-storage';
import { startTestApp, type TestApp } from '../../support/test-app';
import { ADMIN_ENV, adminToken, createProduct } from '../catalog/catalog-fixtures';
import { createUpload, type ImageUpload, pngOf, putTo, waitForImageStatus } from './files-fixtures';

/** Product images end to end on the embedded S3 server: presigned upload, verification job, /media, delete, cleanup. */
describe('Product images', () => {
  let s3: TestObjectStorage;
  let t: TestApp;
  let admin: string;
  let storage: S3ObjectStorage;

  beforeAll(async () => {
    s3 = await TestObjectStorage.start();
    // No Redis (as with npm start): the API learns of the worker's image changes through PostgreSQL NOTIFY.
    t = await startTestApp({ ...ADMIN_ENV, ...s3.env, IMAGE_MAX_BYTES: String(5 * 1024 * 1024) }, { worker: true });
    admin = await adminToken(t);
    storage = new S3ObjectStorage({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      bucket: TEST_BUCKET,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY },
    });
  });
  afterAll(async () => {
    storage?.destroy();
    await t?.close();
    await s3?.close();
  });

  const keysUnder = async (prefix: string) => (await storage.list(prefix)).map((o) => o.key);

  it('When an admin uploads a real PNG and completes it, then the product lists it READY and both URLs serve it with caching headers', async () => {
    const product = await createProduct(t, admin);
    const png = await pngOf(1000, 500);
    const created = await createUpload(t, admin, product.id, 'image/png', png.length).expect(201);
    const body = created.body as ImageUpload;
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'PENDING',
      upload: {
        method: 'PUT',
        url: expect.stringContaining(s3.endpoint),
        headers: { 'Content-Type': 'image/png', 'Content-Length': String(png.length) },
        expiresAt: expect.any(String),
      },
    });
    expect(new Date(body.upload.expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 10 * 60_000 + 1000);
    // The server chose the key: the product's id and the image's, nothing from the client.
    expect(new URL(body.upload.url).pathname).toBe(`/${TEST_BUCKET}/uploads/products/${product.id}/${body.id}`);

    expect(await putTo(body.upload, png)).toBe(200);
    const completed = await t
      .http()
      .post(`/api/v1/products/${product.id}/images/${body.id}/complete`)
      .set('authorization', `Bearer ${admin}`)
      .expect(202);
    expect(completed.body).toEqual({ id: body.id, status: 'PROCESSING' });
    await waitForImageStatus(t, body.id, ['READY']);
    await t.waitForQuiet();

    const res = await t.http().get(`/api/v1/products/${product.id}`).expect(200);
    expect(res.body.images).toEqual([
      {
        id: body.id,
        status: 'READY',
        url: expect.stringMatching(/^\/media\/images\/[a-f0-9]{64}\.png$/),
        thumbnailUrl: expect.stringMatching(/^\/media\/images\/[a-f0-9]{64}\.png$/),
        width: 1000,
        height: 500,
        contentType: 'image/png',
      },
    ]);
    const listed = await t.http().get(`/api/v1/products?q=${product.sku}`).expect(200);
    expect(listed.body.items[0].images).toEqual(res.body.images);

    const original = await t.http().get(res.body.images[0].url).buffer(true).expect(200);
    expect(original.headers['content-type']).toBe('image/png');
    expect(original.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(original.headers.etag).toMatch(/^"[a-f0-9]{64}"$/);
    expect(Buffer.compare(original.body as Buffer, png)).toBe(0);
    const thumbnail = await t.http().get(res.body.images[0].thumbnailUrl).buffer(true).expect(200);
    expect(thumbnail.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const { default: sharp } = await import('sharp');
    expect(await sharp(thumbnail.body as Buffer).metadata()).toMatchObject({ format: 'png', width: 400, height: 200 });
    await t.http().get(res.body.images[0].url).set('if-none-match', original.headers.etag).expect(304);
    // The upload object is gone; only the content-addressed ones remain.
    expect(await keysUnder(`uploads/products/${product.id}/`)).toEqual([]);

    // Delete: 204, gone from the product, objects removed by the job.
    await t.http().delete(`/api/v1/products/${product.id}/images/${body.id}`).set('authorization', `Bearer ${admin}`).expect(204);
    await t.waitForQuiet();
    expect((await t.http().get(`/api/v1/products/${product.id}`).expect(200)).body.images).toEqual([]);
    await t.http().get(res.body.images[0].url).expect(404);
    await t.http().delete(`/api/v1/products/${product.id}/images/${body.id}`).set('authorization', `Bearer ${admin}`).expect(404);
  });

  it('When a text file is sent as image/png, then the job rejects it with the reason and no object is left', async () => {
    const product = await createProduct(t, admin);
    const text = Buffer.from('this is not a picture, just some text pretending to be one');
    const { body } = (await createUpload(t, admin, product.id, 'image/png', text.length).expect(201)) as { body: ImageUpload };
    expect(await putTo(body.upload, text)).toBe(200);
    await t.http().post(`/api/v1/products/${product.id}/images/${body.id}/complete`).set('authorization', `Bearer ${admin}`).expect(202);
    const row = await waitForImageStatus(t, body.id, ['REJECTED']);
    expect(row.rejection_reason).toBe('The file is not a png image.');
    expect(await keysUnder(`uploads/products/${product.id}/`)).toEqual([]);
    expect((await t.http().get(`/api/v1/products/${product.id}`).expect(200)).body.images).toEqual([]);
  });

  it('When more bytes are uploaded than declared, then the job rejects the image and removes the object', async () => {
    const product = await createProduct(t, admin);
    const png = await pngOf(50, 50);
    const { body } = (await createUpload(t, admin, product.id, 'image/png', png.length - 10).expect(201)) as { body: ImageUpload };
    // Real S3 refuses this PUT (the length is signed); the embedded server stores it, and the job catches it.
    await putTo(body.upload, png, { 'Content-Type': 'image/png' });
    await t.http().post(`/api/v1/products/${product.id}/images/${body.id}/complete`).set('authorization', `Bearer ${admin}`).expect(202);
    const row = await waitForImageStatus(t, body.id, ['REJECTED']);
    expect(row.rejection_reason).toBe(`The upload is ${png.length} bytes, not the ${png.length - 10} bytes declared.`);
    expect(await keysUnder(`uploads/products/${product.id}/`)).toEqual([]);
  });

  it('When the declaration is 20 MiB, another type, or malformed, then creation is refused with problem+json and nothing is stored', async () => {
    const product = await createProduct(t, admin);
    const tooBig = await createUpload(t, admin, product.id, 'image/png', 20 * 1024 * 1024).expect(413);
    expect(tooBig.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(tooBig.body.detail).toBe('The image is 20971520 bytes; the limit is 5242880 bytes.');
    const gif = await createUpload(t, admin, product.id, 'image/gif', 100).expect(415);
    expect(gif.body.detail).toMatch(/image\/gif is not accepted/);
    await createUpload(t, admin, product.id, 'image/png', -1).expect(400);
    await createUpload(t, admin, '00000000-0000-4000-8000-000000000000', 'image/png', 100).expect(404);
    const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM catalog.product_images WHERE product_id = $1`, [product.id]);
    expect(rows[0].n).toBe(0);
  });

  it('When a customer or nobody tries, then 401/403; completing twice is 409', async () => {
    const product = await createProduct(t, admin);
    await t.http().post(`/api/v1/products/${product.id}/images`).send({ contentType: 'image/png', contentLength: 10 }).expect(401);
    const png = await pngOf(20, 20);
    const { body } = (await createUpload(t, admin, product.id, 'image/png', png.length).expect(201)) as { body: ImageUpload };
    await putTo(body.upload, png);
    const complete = () =>
      t.http().post(`/api/v1/products/${product.id}/images/${body.id}/complete`).set('authorization', `Bearer ${admin}`);
    await complete().expect(202);
    const again = await complete().expect(409);
    expect(again.body.type).toMatch(/image-not-pending$/);
    await waitForImageStatus(t, body.id, ['READY']);
  });

  it('When an upload is never completed, then the cleanup removes it and its object', async () => {
    const product = await createProduct(t, admin);
    const png = await pngOf(30, 30);
    const { body } = (await createUpload(t, admin, product.id, 'image/png', png.length).expect(201)) as { body: ImageUpload };
    await putTo(body.upload, png);
    // The scheduled sweep takes uploads older than a day; here every PENDING one counts as abandoned.
    const removed = await t.worker!.get(CommandBus).execute(new RemoveAbandonedUploadsCommand(0));
    expect(removed).toBeGreaterThanOrEqual(1);
    await t.waitForQuiet();
    await waitForImageStatus(t, body.id, ['DELETED']);
    expect(await keysUnder(`uploads/products/${product.id}/`)).toEqual([]);
  });
});
