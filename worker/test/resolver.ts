/**
 * A DNS-over-HTTPS resolver (the JSON API) for the tests, bound as WEBHOOK_RESOLVER: the real
 * one is out of reach here. Names under inside.test resolve where their first label says
 * (`metadata`, `ten`, `mapped`, `loop`, `mixed`), `nx.` names do not exist, `down.` names get a
 * resolver failure, and every other name resolves to a public address.
 */
const resolver = `export default {
  fetch(request) {
    const url = new URL(request.url);
    const name = url.searchParams.get('name') ?? '';
    const type = url.searchParams.get('type') === 'AAAA' ? 28 : 1;
    if (name.startsWith('down.')) return new Response('unavailable', { status: 503 });
    if (name.startsWith('nx.')) return Response.json({ Status: 3 });
    const zone = {
      'metadata.inside.test': { 1: ['169.254.169.254'] },
      'ten.inside.test': { 1: ['10.0.0.7'] },
      'mapped.inside.test': { 28: ['::ffff:10.0.0.1'] },
      'loop.inside.test': { 1: ['127.0.0.1'] },
      'mixed.inside.test': { 1: ['93.184.216.34'], 28: ['fd00::1'] },
    }[name] ?? { 1: ['93.184.216.34'], 28: ['2606:2800:220:1:248:1893:25c8:1946'] };
    const Answer = (zone[type] ?? []).map((data) => ({ name, type, TTL: 60, data }));
    return Response.json({ Status: 0, Answer });
  },
};`;

/** The resolver as an auxiliary Worker, bound as WEBHOOK_RESOLVER (both vitest configs use it). */
export const webhookTestBindings = {
  serviceBindings: { WEBHOOK_RESOLVER: 'resolver' },
  workers: [{ name: 'resolver', modules: true, script: resolver, compatibilityDate: '2026-11-01' }],
};
