// The demo app's own code: it talks to Heard only through the public calls, emitting the
// events Heard's metrics read: signed_up → activated (time-to-value), ticket_opened →
// ticket_resolved with the ticket as entity (resolution time, then CES), and NPS after some
// use. Revenue and churn are trusted events: billing lives on the server (/api/billing), which
// sends them with @heard/node; the page could not.
const log = (text) => (document.getElementById('log').textContent = text);
const byId = (id) => document.getElementById(id);
const on = (id, action) => byId(id).addEventListener('click', action);
const user = `demo-${Math.random().toString(36).slice(2, 8)}`;
let plan = 'free';
const billing = (action, extra = {}) =>
  fetch('/api/billing', { method: 'POST', body: JSON.stringify({ action, user, ...extra }) }).then((r) => r.json());
let ticket = null;
let uses = 0;

on('signup', () => {
  plan = byId('plan').value;
  heard('identify', user, { plan, country: byId('country').value });
  heard('track', 'signed_up', { plan });
  if (plan !== 'free') billing('subscribe', { plan });
  log(`Signed up as ${user} on ${plan}.`);
});
on('activate', () => {
  heard('track', 'activated');
  log('Created a first project: activated.');
});
on('ticket-open', () => {
  ticket = `T-${Math.floor(Math.random() * 1e6)}`;
  heard('track', 'ticket_opened', { topic: 'billing' }, { entity: ticket });
  byId('ticket-resolve').disabled = false;
  log(`Ticket ${ticket} opened.`);
});
on('ticket-resolve', () => {
  if (!ticket) return;
  heard('track', 'ticket_resolved', {}, { entity: ticket });
  heard('ask', 'ces', { survey: 'ces-support' });
  byId('ticket-resolve').disabled = true;
  log(`Ticket ${ticket} resolved. How easy was it?`);
  ticket = null;
});
on('use', () => {
  uses += 1;
  heard('track', 'project_updated');
  log(`Updated a project (${uses}×).`);
  if (uses === 3) heard('ask', 'nps', { survey: 'nps-quarterly' });
});
on('ask-nps', () => heard('ask', 'nps', { survey: 'nps-quarterly' }));
on('upgrade', async () => {
  const { plan: next, value } = await billing('upgrade');
  heard('identify', user, { plan: next });
  log(`Upgraded from ${plan} to ${next} (+${value}/month).`);
  plan = next;
});
on('churn', async () => {
  await billing('cancel');
  heard('reset');
  log('Subscription cancelled. Heard forgot the user.');
});
