// Progressive enhancement only; every page works without it. No inline scripts (CSP forbids them).
document.addEventListener('submit', (e) => {
  const msg = e.target.getAttribute('data-confirm');
  if (msg && !window.confirm(msg)) e.preventDefault();
});
document.addEventListener('change', (e) => {
  if (e.target.matches('select[data-autosubmit]')) e.target.form.requestSubmit();
  if (e.target.matches('select[data-narrows]')) narrow(e.target);
});
// A unit picker narrows a people picker to the people of the chosen unit's subtree (by data-path).
function narrow(unitSelect) {
  const people = document.getElementById(unitSelect.getAttribute('data-narrows'));
  const path = unitSelect.selectedOptions[0]?.getAttribute('data-path');
  if (!people) return;
  for (const o of people.options) {
    const p = o.getAttribute('data-path');
    o.hidden = !!(p && path && !p.startsWith(path));
  }
  if (people.selectedOptions[0]?.hidden) people.value = '';
}
document.querySelectorAll('select[data-narrows]').forEach(narrow);
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
