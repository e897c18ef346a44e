export interface SubtaskToggleProps {
  taskTitle: string;
  done: number;
  total: number;
  expanded: boolean;
  /** The id of the nested list it shows and hides. */
  controls: string;
  onToggle(): void;
}

/**
 * A task's subtask progress ("2/5") as the button that shows or hides its subtasks under its
 * row; its name says both ("Subtasks of “Trip”, 2 of 5 done") and aria-expanded the state.
 */
export function SubtaskToggle({ taskTitle, done, total, expanded, controls, onToggle }: SubtaskToggleProps) {
  return (
    <button
      type="button"
      className={`subtask-toggle${done === total ? ' all-done' : ''}`}
      aria-expanded={expanded}
      aria-controls={expanded ? controls : undefined}
      aria-label={`Subtasks of “${taskTitle}”, ${done} of ${total} done`}
      onClick={onToggle}
      data-done={done}
      data-total={total}
    >
      <span className="subtask-chevron" aria-hidden="true">
        {expanded ? '▾' : '▸'}
      </span>
      <span className="subtask-progress">
        {done}/{total}
      </span>
    </button>
  );
}
