import { themeChoices, themeStore, useThemeChoice, type ThemeChoice } from '../theme';

const labels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The colour theme picker in the header: System (follows the operating system), Light or Dark. */
export function ThemeToggle() {
  const choice = useThemeChoice();
  return (
    <label className="inline theme-toggle">
      Theme
      <select value={choice} onChange={(event) => themeStore.set(event.target.value as ThemeChoice)}>
        {themeChoices.map((value) => (
          <option key={value} value={value}>
            {labels[value]}
          </option>
        ))}
      </select>
    </label>
  );
}
