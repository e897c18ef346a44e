import { graphql } from '../../gql';

/**
 * Subtasks in the web app (docs/api.md "Subtasks and manual order"): a task's progress over its
 * direct subtasks, its ancestors (for its level: subtasks nest at most 4 levels deep), its
 * subtasks on demand, and new subtasks. `tasks` lists subtasks like any task, so a subtask also
 * has its own row in the list; its parent's row can show it nested as well.
 */

/** Deepest level a task may be on (a top-level task is level 1): a task there takes no subtasks. */
export const maxSubtaskLevel = 4;

/** What a row shows of a task's place in its tree: progress, and the ancestors for its level. */
export const SubtaskSummaryFields = graphql(`
  fragment SubtaskSummaryFields on Task {
    id
    subtaskProgress {
      done
      total
    }
    parent {
      id
      title
      parent {
        id
        parent {
          id
        }
      }
    }
  }
`);

/**
 * One row's summary, answered from the cache once a list, a mutation or the subtasks of its
 * parent have brought it (`Query.task` reads the cached task by id, cache.ts).
 */
export const TaskSubtaskSummaryQuery = graphql(`
  query TaskSubtaskSummary($id: ID!) {
    task(id: $id) {
      id
      ...SubtaskSummaryFields
    }
  }
`);

/** A task's direct subtasks, in manual order, each as a full row. */
export const SubtasksQuery = graphql(`
  query Subtasks($id: ID!) {
    task(id: $id) {
      id
      subtaskProgress {
        done
        total
      }
      subtasks {
        id
        ...TaskItemFields
        ...SubtaskSummaryFields
      }
    }
  }
`);

/** The state completing or reopening a task changes in one subtask. */
export const SubtaskStateFields = graphql(`
  fragment SubtaskStateFields on Task {
    id
    status
    completedAt
    isOverdue
    subtaskProgress {
      done
      total
    }
  }
`);

/**
 * What completing or reopening a task changes besides the task itself: its own progress, its
 * parent's progress and, as a parent, the state of its subtasks on every level below it (a
 * top-level task has three levels below it at most).
 */
export const SubtaskTreeFields = graphql(`
  fragment SubtaskTreeFields on Task {
    subtaskProgress {
      done
      total
    }
    parent {
      id
      subtaskProgress {
        done
        total
      }
    }
    subtasks {
      ...SubtaskStateFields
      subtasks {
        ...SubtaskStateFields
        subtasks {
          ...SubtaskStateFields
        }
      }
    }
  }
`);

/** A parent's progress alone (read from the cache for an optimistic answer). */
export const SubtaskProgressFields = graphql(`
  fragment SubtaskProgressFields on Task {
    id
    subtaskProgress {
      done
      total
    }
  }
`);

/** A new subtask: the row it gets, and its parent's new progress. */
export const CreateSubtaskMutation = graphql(`
  mutation CreateSubtask($input: CreateTaskInput!) {
    createTask(input: $input) {
      id
      ...TaskItemFields
      ...SubtaskSummaryFields
      parent {
        id
        subtaskProgress {
          done
          total
        }
      }
    }
  }
`);
