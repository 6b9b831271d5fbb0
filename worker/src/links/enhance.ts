/** Where the link page's one script is served (a path no token can take: tokens are one segment). */
export const ENHANCE_PATH = '/s/_/page.js';

/**
 * The link page's progressive enhancement, served as a file (the page's CSP allows this one
 * script and no inline code). A real browser that opened an email's score link records that
 * score at once, and a changed choice as soon as it is made; mail scanners that fetch the link
 * run no script, so they record nothing. The form works the same without it.
 */
export const ENHANCE_SCRIPT = `(() => {
  const form = document.querySelector('form[method="post"]');
  if (!form) return;
  // One post at a time, in the order chosen: the last choice is the one that stays.
  let last = Promise.resolve();
  const record = () => {
    if (!form.querySelector('input[name="score"]:checked')) return;
    const body = new URLSearchParams(new FormData(form));
    last = last
      .then(() => fetch(form.action, { method: 'POST', body }))
      .then((response) => { if (response.ok) form.setAttribute('data-recorded', ''); })
      .catch(() => {});
  };
  for (const radio of form.querySelectorAll('input[name="score"]')) radio.addEventListener('change', record);
  if (form.hasAttribute('data-record')) record();
})();
`;
