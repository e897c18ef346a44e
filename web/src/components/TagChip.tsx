/** A tag with its colour; readable text colour picked from the background's lightness. */
export function TagChip({ name, color, onRemove }: { name: string; color?: string | null; onRemove?: () => void }) {
  const background = color ?? '#e5e7eb';
  const style = { background, color: textColorFor(background) };
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
