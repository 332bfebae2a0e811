// The reader's saved theme, applied before the first paint (src/components/ThemeToggle.astro saves it).
try {
  const theme = localStorage.getItem('atlas-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {}
