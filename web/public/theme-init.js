// Shows the stored colour theme before the first paint (src/theme.ts explains the theme): a
// classic script in <head>, loaded from the origin because the content security policy allows
// no inline script. Anything but "light" or "dark" in storage (or no readable storage) is System.
(function () {
  let choice = 'system';
  try {
    const stored = window.localStorage.getItem('taskwire.theme');
    if (stored === 'light' || stored === 'dark') choice = stored;
  } catch {
    // Storage blocked: System.
  }
  document.documentElement.setAttribute('data-theme', choice);
})();
