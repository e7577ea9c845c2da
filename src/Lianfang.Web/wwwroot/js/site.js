// Progressive enhancement only; every page works without it. No inline scripts (CSP forbids them).
document.addEventListener('submit', (e) => {
  const msg = e.target.getAttribute('data-confirm');
  if (msg && !window.confirm(msg)) e.preventDefault();
});
document.addEventListener('change', (e) => {
  if (e.target.matches('select[data-autosubmit]')) e.target.form.requestSubmit();
});
// Suggestion buttons fill the field they name (reference manifestations, similar points).
document.addEventListener('click', (e) => {
  const b = e.target.closest('[data-fill]');
  if (!b) return;
  const target = document.getElementById(b.getAttribute('data-fill'));
  if (target) { target.value = b.getAttribute('data-text'); target.focus(); }
});
document.addEventListener('click', (e) => {
  if (e.target.closest('[data-print]')) window.print();
});
