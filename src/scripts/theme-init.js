// The reader's saved theme, applied before the first paint (src/components/ThemeToggle.astro
// saves it). Inlined in every page's head by BaseLayout; its hash is in the CSP (astro.config.mjs).
document.documentElement.dataset.js = '';
try {
  const theme = localStorage.getItem('atlas-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {}
