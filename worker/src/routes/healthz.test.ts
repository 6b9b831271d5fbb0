import { ZError, ZLiveness } from '@heard/core';
import { expect, it } from 'vitest';
import { bodyOf, call } from '../../test/helpers';

it('GET /healthz answers ok', async () => {
  const response = await call('/healthz');
  expect(response.status).toBe(200);
  expect(await bodyOf(ZLiveness, response)).toEqual({ ok: true });
});

it('an unknown route answers 404 in the shared error shape', async () => {
  const response = await call('/v1/nothing');
  expect(response.status).toBe(404);
  expect(await bodyOf(ZError, response)).toMatchObject({ error: { code: 'not_found' } });
});
