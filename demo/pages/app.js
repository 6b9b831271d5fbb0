// The demo app's own code: it talks to Heard only through the public calls.
const log = (text) => (document.getElementById('log').textContent = text);
const user = `demo-${Math.random().toString(36).slice(2, 8)}`;
const on = (id, action) => document.getElementById(id).addEventListener('click', action);

on('signup', () => {
  heard('identify', user, { plan: 'pro', country: 'DE' });
  heard('track', 'signed_up');
  log(`Signed up as ${user}.`);
});
on('activate', () => {
  heard('track', 'activated');
  log('Created a first project: activated.');
});
on('ticket', () => {
  const ticket = `T-${Math.floor(Math.random() * 1e5)}`;
  heard('track', 'ticket_opened', {}, { entity: ticket });
  heard('track', 'ticket_resolved', {}, { entity: ticket });
  heard('ask', 'ces');
  log(`Ticket ${ticket} resolved.`);
});
on('ask-nps', () => heard('ask', 'nps'));
