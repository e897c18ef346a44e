/**
 * A tag with its colour (the user's pick, the same in both themes); readable text colour picked
 * from the background's lightness. A tag without a colour takes the theme's (styles.css `.tag`).
 */
export function TagChip({ name, color, onRemove }: { name: string; color?: string | null; onRemove?: () => void }) {
  const style = color ? { background: color, color: textColorFor(color) } : undefined;
  return (
    <span className="tag" style={style} data-tag={name}>
      #{name}
      {onRemove && (
        <button type="button" className="tag-remove" aria-label={`Remove tag ${name}`} onClick={onRemove}>
          ×
        </button>
      )}
    </span>
  );
}

function textColorFor(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return '#111827';
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h!, 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! > 150 ? '#111827' : '#ffffff';
}
