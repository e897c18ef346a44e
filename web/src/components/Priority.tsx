import type { Priority } from '../gql/graphql';

export const priorities: readonly Priority[] = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];
export const priorityLabel: Record<Priority, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', URGENT: 'Urgent' };

/** Colour-coded priority badge (colour plus text, so it does not rely on colour alone). */
export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span className={`badge priority-${priority.toLowerCase()}`} data-priority={priority}>
      {priorityLabel[priority]}
    </span>
  );
}
