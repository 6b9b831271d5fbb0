import { expect, it } from 'vitest';
import { call } from '../../test/helpers';

it('GET /healthz answers ok', async () => {
  const response = await call('/healthz');
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
});

it('an unknown route answers 404 in the shared error shape', async () => {
  const response = await call('/v1/nothing');
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
});
