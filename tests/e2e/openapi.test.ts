import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect, inject, it } from 'vitest';
import { callEveryRoute } from '../api/calls';
import { typesOf } from '../api/generate.mjs';

const stack = inject('stack');
const documentOf = async () => (await fetch(`${stack.collector}/openapi.json`)).json();

it('the committed client types are what openapi-typescript makes of the live document', async () => {
  const committed = await readFile(new URL('../api/openapi.d.ts', import.meta.url), 'utf8');
  // When this fails, the API changed: `pnpm openapi` regenerates the types, then `pnpm check`.
  expect(await typesOf(await documentOf())).toBe(committed);
});

it('a client generated from the document calls every route with no cast, over real HTTP', async () => {
  const document = (await documentOf()) as { paths: Record<string, Record<string, { operationId: string }>> };
  const operations = Object.values(document.paths).flatMap((methods) =>
    Object.values(methods).map((op) => op.operationId),
  );
  const called = await callEveryRoute({ ...stack, origin: new URL(stack.demo).origin });
  expect(called.map((c) => c.operation).sort()).toEqual(operations.sort());
  for (const { operation, status } of called) expect(status, operation).toBeLessThan(300);

  // Every JSON answer matches the schema the document gives its path, method and status.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(document, 'doc');
  const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  let checked = 0;
  for (const { operation, path, method, status, contentType, body } of called) {
    if (!contentType.startsWith('application/json')) continue;
    const validate = ajv.getSchema(
      `doc#/${pointer('paths', path, method, 'responses', String(status), 'content', 'application/json', 'schema')}`,
    );
    expect(validate, `${operation} ${status} has a schema`).toBeDefined();
    expect(validate?.(body), `${operation}: ${JSON.stringify(validate?.errors)}`).toBe(true);
    checked++;
  }
  expect(checked).toBeGreaterThan(20);
});
