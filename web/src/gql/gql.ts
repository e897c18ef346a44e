/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  subscription ProjectChanges {\n    projectChanges {\n      type\n      taskId\n      projectId\n      at\n      actor {\n        id\n      }\n      task {\n        id\n        ...TaskItemFields\n      }\n    }\n  }\n": typeof types.ProjectChangesDocument,
    "\n  subscription ReminderDue {\n    reminderDue {\n      id\n      firedAt\n      reminder {\n        id\n        remindAt\n        state\n      }\n      task {\n        id\n        title\n        priority\n        dueAt\n        dueDate\n      }\n    }\n  }\n": typeof types.ReminderDueDocument,
    "\n  mutation AcknowledgeReminder($id: ID!) {\n    acknowledgeReminder(id: $id) {\n      id\n      state\n    }\n  }\n": typeof types.AcknowledgeReminderDocument,
    "\n  mutation SnoozeReminder($id: ID!, $until: DateTime!) {\n    snoozeReminder(id: $id, until: $until) {\n      id\n      state\n      snoozedUntil\n      remindAt\n    }\n  }\n": typeof types.SnoozeReminderDocument,
    "\n  mutation DismissReminder($id: ID!) {\n    dismissReminder(id: $id) {\n      id\n      state\n    }\n  }\n": typeof types.DismissReminderDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n": typeof types.SignInDocument,
    "\n  query TaskEditor($id: ID!) {\n    task(id: $id) {\n      id\n      ...TaskItemFields\n      timeZone\n      reminders {\n        ...ReminderFields\n      }\n    }\n  }\n": typeof types.TaskEditorDocument,
    "\n  fragment ReminderFields on Reminder {\n    id\n    remindAt\n    offsetMinutes\n    state\n    snoozedUntil\n  }\n": typeof types.ReminderFieldsFragmentDoc,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    type\n    occurredAt\n    actor {\n      id\n    }\n    actorDeleted\n    changes {\n      field\n      oldValue\n      newValue\n    }\n  }\n": typeof types.AuditEntryFieldsFragmentDoc,
    "\n  query TaskHistory($id: ID!, $after: String) {\n    task(id: $id) {\n      id\n      title\n      project {\n        id\n      }\n      history(first: 50, after: $after) {\n        edges {\n          cursor\n          node {\n            ...AuditEntryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.TaskHistoryDocument,
    "\n  fragment TaskItemFields on Task {\n    id\n    title\n    description\n    priority\n    status\n    dueAt\n    dueDate\n    isOverdue\n    completedAt\n    occurrence\n    seriesId\n    recurrence {\n      rrule\n      timeZone\n      anchor\n    }\n    tags {\n      id\n      name\n      color\n    }\n    project {\n      id\n      name\n      color\n    }\n    assignee {\n      id\n    }\n  }\n": typeof types.TaskItemFieldsFragmentDoc,
    "\n  mutation CompleteTask($id: ID!) {\n    completeTask(id: $id) {\n      ...TaskItemFields\n      ...SubtaskTreeFields\n    }\n  }\n": typeof types.CompleteTaskDocument,
    "\n  mutation ReopenTask($id: ID!) {\n    reopenTask(id: $id) {\n      ...TaskItemFields\n      ...SubtaskTreeFields\n    }\n  }\n": typeof types.ReopenTaskDocument,
    "\n  query SeriesInstances($seriesId: ID!) {\n    tasks(filter: { seriesId: $seriesId }, first: 200) {\n      edges {\n        node {\n          id\n          occurrence\n        }\n      }\n    }\n  }\n": typeof types.SeriesInstancesDocument,
    "\n  mutation DeleteTask($id: ID!) {\n    deleteTask(id: $id)\n  }\n": typeof types.DeleteTaskDocument,
    "\n  query TaskList($filter: TaskFilter, $query: String, $sort: TaskSort, $first: Int, $after: String) {\n    tasks(filter: $filter, query: $query, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          position\n          ...TaskItemFields\n          ...SubtaskSummaryFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.TaskListDocument,
    "\n  query Tags {\n    tags {\n      id\n      name\n      color\n    }\n  }\n": typeof types.TagsDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password)\n  }\n": typeof types.DeleteAccountDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      ...AuthPayloadFields\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  query Sessions {\n    sessions {\n      id\n      current\n      createdAt\n      lastUsedAt\n      userAgent\n    }\n  }\n": typeof types.SessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": typeof types.RevokeSessionDocument,
    "\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n": typeof types.SignOutEverywhereDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n": typeof types.VerifyEmailDocument,
    "\n  mutation DismissReminderInEditor($id: ID!) {\n    dismissReminder(id: $id) {\n      ...ReminderFields\n    }\n  }\n": typeof types.DismissReminderInEditorDocument,
    "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      ...TaskItemFields\n    }\n  }\n": typeof types.CreateTaskDocument,
    "\n  mutation UpdateTask($id: ID!, $input: UpdateTaskInput!) {\n    updateTask(id: $id, input: $input) {\n      id\n      ...TaskItemFields\n    }\n  }\n": typeof types.UpdateTaskDocument,
    "\n  mutation MoveTask($id: ID!, $projectId: ID!) {\n    moveTask(id: $id, projectId: $projectId) {\n      id\n      ...TaskItemFields\n    }\n  }\n": typeof types.MoveTaskDocument,
    "\n  mutation SetTaskTags($taskId: ID!, $names: [String!]!) {\n    setTaskTags(taskId: $taskId, names: $names) {\n      id\n      tags {\n        id\n        name\n        color\n      }\n    }\n  }\n": typeof types.SetTaskTagsDocument,
    "\n  mutation CreateTag($name: String!, $color: String) {\n    createTag(name: $name, color: $color) {\n      id\n      name\n      color\n    }\n  }\n": typeof types.CreateTagDocument,
    "\n  mutation AddReminder($input: AddReminderInput!) {\n    addReminder(input: $input) {\n      ...ReminderFields\n    }\n  }\n": typeof types.AddReminderDocument,
    "\n  mutation ShareProject($projectId: ID!, $email: String!, $role: ProjectRole!) {\n    shareProject(projectId: $projectId, email: $email, role: $role) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n": typeof types.ShareProjectDocument,
    "\n  mutation ChangeMemberRole($projectId: ID!, $userId: ID!, $role: ProjectRole!) {\n    changeMemberRole(projectId: $projectId, userId: $userId, role: $role) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n": typeof types.ChangeMemberRoleDocument,
    "\n  mutation RemoveMember($projectId: ID!, $userId: ID!) {\n    removeMember(projectId: $projectId, userId: $userId) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n": typeof types.RemoveMemberDocument,
    "\n  mutation CancelProjectInvitation($projectId: ID!, $email: String!) {\n    cancelProjectInvitation(projectId: $projectId, email: $email) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n": typeof types.CancelProjectInvitationDocument,
    "\n  mutation LeaveProject($projectId: ID!) {\n    leaveProject(projectId: $projectId)\n  }\n": typeof types.LeaveProjectDocument,
    "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      ...ProjectFields\n    }\n  }\n": typeof types.CreateProjectDocument,
    "\n  query SavedViews {\n    savedViews {\n      id\n      name\n      query\n      sort {\n        field\n        direction\n      }\n      position\n    }\n  }\n": typeof types.SavedViewsDocument,
    "\n  mutation CreateSavedView($input: CreateSavedViewInput!) {\n    createSavedView(input: $input) {\n      id\n      name\n      query\n      sort {\n        field\n        direction\n      }\n      position\n    }\n  }\n": typeof types.CreateSavedViewDocument,
    "\n  mutation RenameSavedView($id: ID!, $name: String!) {\n    updateSavedView(id: $id, input: { name: $name }) {\n      id\n      name\n    }\n  }\n": typeof types.RenameSavedViewDocument,
    "\n  mutation DeleteSavedView($id: ID!) {\n    deleteSavedView(id: $id)\n  }\n": typeof types.DeleteSavedViewDocument,
    "\n  fragment ProjectFields on Project {\n    id\n    name\n    color\n    isInbox\n    role\n    position\n  }\n": typeof types.ProjectFieldsFragmentDoc,
    "\n  query Projects {\n    projects {\n      id\n      ...ProjectFields\n    }\n  }\n": typeof types.ProjectsDocument,
    "\n  query ProjectOpenCount($id: ID!) {\n    project(id: $id) {\n      id\n      openTasks: tasks(filter: { status: OPEN }, first: 1) {\n        totalCount\n      }\n    }\n  }\n": typeof types.ProjectOpenCountDocument,
    "\n  fragment ProjectSharingFields on Project {\n    id\n    role\n    isInbox\n    members {\n      role\n      joinedAt\n      user {\n        id\n      }\n    }\n    invitations {\n      email\n      role\n      invitedAt\n    }\n  }\n": typeof types.ProjectSharingFieldsFragmentDoc,
    "\n  query ProjectMembers($id: ID!) {\n    project(id: $id) {\n      id\n      ...ProjectFields\n      ...ProjectSharingFields\n    }\n  }\n": typeof types.ProjectMembersDocument,
    "\n  query MemberNames($id: ID!) {\n    project(id: $id) {\n      id\n      members {\n        user {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.MemberNamesDocument,
    "\n  fragment SubtaskSummaryFields on Task {\n    id\n    subtaskProgress {\n      done\n      total\n    }\n    parent {\n      id\n      title\n      parent {\n        id\n        parent {\n          id\n        }\n      }\n    }\n  }\n": typeof types.SubtaskSummaryFieldsFragmentDoc,
    "\n  query TaskSubtaskSummary($id: ID!) {\n    task(id: $id) {\n      id\n      ...SubtaskSummaryFields\n    }\n  }\n": typeof types.TaskSubtaskSummaryDocument,
    "\n  query Subtasks($id: ID!) {\n    task(id: $id) {\n      id\n      subtaskProgress {\n        done\n        total\n      }\n      subtasks {\n        id\n        ...TaskItemFields\n        ...SubtaskSummaryFields\n      }\n    }\n  }\n": typeof types.SubtasksDocument,
    "\n  fragment SubtaskStateFields on Task {\n    id\n    status\n    completedAt\n    isOverdue\n    subtaskProgress {\n      done\n      total\n    }\n  }\n": typeof types.SubtaskStateFieldsFragmentDoc,
    "\n  fragment SubtaskTreeFields on Task {\n    subtaskProgress {\n      done\n      total\n    }\n    parent {\n      id\n      subtaskProgress {\n        done\n        total\n      }\n    }\n    subtasks {\n      ...SubtaskStateFields\n      subtasks {\n        ...SubtaskStateFields\n        subtasks {\n          ...SubtaskStateFields\n        }\n      }\n    }\n  }\n": typeof types.SubtaskTreeFieldsFragmentDoc,
    "\n  fragment SubtaskProgressFields on Task {\n    id\n    subtaskProgress {\n      done\n      total\n    }\n  }\n": typeof types.SubtaskProgressFieldsFragmentDoc,
    "\n  mutation CreateSubtask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      ...TaskItemFields\n      ...SubtaskSummaryFields\n      parent {\n        id\n        subtaskProgress {\n          done\n          total\n        }\n      }\n    }\n  }\n": typeof types.CreateSubtaskDocument,
    "\n  query ParseQuickAdd($text: String!, $timeZone: String, $keepAsText: [Int!]) {\n    parseTask(text: $text, timeZone: $timeZone, keepAsText: $keepAsText) {\n      title\n      description\n      dueAt\n      dueDate\n      timeZone\n      priority\n      tagNames\n      projectId\n      recurrence {\n        rrule\n        timeZone\n        anchor\n      }\n      reminderOffsetsMinutes\n      parts {\n        kind\n        text\n        start\n        end\n      }\n    }\n  }\n": typeof types.ParseQuickAddDocument,
    "\n  mutation QuickAddTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      ...TaskItemFields\n    }\n  }\n": typeof types.QuickAddTaskDocument,
    "\n  mutation QuickAddTags($taskId: ID!, $names: [String!]!) {\n    setTaskTags(taskId: $taskId, names: $names) {\n      id\n      tags {\n        id\n        name\n        color\n      }\n    }\n  }\n": typeof types.QuickAddTagsDocument,
    "\n  mutation QuickAddReminder($input: AddReminderInput!) {\n    addReminder(input: $input) {\n      id\n    }\n  }\n": typeof types.QuickAddReminderDocument,
    "\n  mutation ReorderTask($id: ID!, $afterId: ID, $beforeId: ID) {\n    reorderTask(id: $id, afterId: $afterId, beforeId: $beforeId) {\n      id\n      position\n    }\n  }\n": typeof types.ReorderTaskDocument,
    "\n  query Trash($after: String) {\n    trash(first: 50, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          trashedAt\n          project {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.TrashDocument,
    "\n  mutation RestoreTask($id: ID!) {\n    restoreTask(id: $id) {\n      ...TaskItemFields\n    }\n  }\n": typeof types.RestoreTaskDocument,
    "\n  fragment TaskPlacement on Task {\n    id\n    project {\n      id\n    }\n  }\n": typeof types.TaskPlacementFragmentDoc,
    "\n  fragment AuthPayloadFields on AuthPayload {\n    token\n    expiresAt\n    user {\n      id\n      email\n      name\n      timeZone\n      emailVerified\n    }\n  }\n": typeof types.AuthPayloadFieldsFragmentDoc,
    "\n  mutation RefreshSession {\n    refreshSession {\n      ...AuthPayloadFields\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
};
const documents: Documents = {
    "\n  subscription ProjectChanges {\n    projectChanges {\n      type\n      taskId\n      projectId\n      at\n      actor {\n        id\n      }\n      task {\n        id\n        ...TaskItemFields\n      }\n    }\n  }\n": types.ProjectChangesDocument,
    "\n  subscription ReminderDue {\n    reminderDue {\n      id\n      firedAt\n      reminder {\n        id\n        remindAt\n        state\n      }\n      task {\n        id\n        title\n        priority\n        dueAt\n        dueDate\n      }\n    }\n  }\n": types.ReminderDueDocument,
    "\n  mutation AcknowledgeReminder($id: ID!) {\n    acknowledgeReminder(id: $id) {\n      id\n      state\n    }\n  }\n": types.AcknowledgeReminderDocument,
    "\n  mutation SnoozeReminder($id: ID!, $until: DateTime!) {\n    snoozeReminder(id: $id, until: $until) {\n      id\n      state\n      snoozedUntil\n      remindAt\n    }\n  }\n": types.SnoozeReminderDocument,
    "\n  mutation DismissReminder($id: ID!) {\n    dismissReminder(id: $id) {\n      id\n      state\n    }\n  }\n": types.DismissReminderDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n": types.SignInDocument,
    "\n  query TaskEditor($id: ID!) {\n    task(id: $id) {\n      id\n      ...TaskItemFields\n      timeZone\n      reminders {\n        ...ReminderFields\n      }\n    }\n  }\n": types.TaskEditorDocument,
    "\n  fragment ReminderFields on Reminder {\n    id\n    remindAt\n    offsetMinutes\n    state\n    snoozedUntil\n  }\n": types.ReminderFieldsFragmentDoc,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    type\n    occurredAt\n    actor {\n      id\n    }\n    actorDeleted\n    changes {\n      field\n      oldValue\n      newValue\n    }\n  }\n": types.AuditEntryFieldsFragmentDoc,
    "\n  query TaskHistory($id: ID!, $after: String) {\n    task(id: $id) {\n      id\n      title\n      project {\n        id\n      }\n      history(first: 50, after: $after) {\n        edges {\n          cursor\n          node {\n            ...AuditEntryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.TaskHistoryDocument,
    "\n  fragment TaskItemFields on Task {\n    id\n    title\n    description\n    priority\n    status\n    dueAt\n    dueDate\n    isOverdue\n    completedAt\n    occurrence\n    seriesId\n    recurrence {\n      rrule\n      timeZone\n      anchor\n    }\n    tags {\n      id\n      name\n      color\n    }\n    project {\n      id\n      name\n      color\n    }\n    assignee {\n      id\n    }\n  }\n": types.TaskItemFieldsFragmentDoc,
    "\n  mutation CompleteTask($id: ID!) {\n    completeTask(id: $id) {\n      ...TaskItemFields\n      ...SubtaskTreeFields\n    }\n  }\n": types.CompleteTaskDocument,
    "\n  mutation ReopenTask($id: ID!) {\n    reopenTask(id: $id) {\n      ...TaskItemFields\n      ...SubtaskTreeFields\n    }\n  }\n": types.ReopenTaskDocument,
    "\n  query SeriesInstances($seriesId: ID!) {\n    tasks(filter: { seriesId: $seriesId }, first: 200) {\n      edges {\n        node {\n          id\n          occurrence\n        }\n      }\n    }\n  }\n": types.SeriesInstancesDocument,
    "\n  mutation DeleteTask($id: ID!) {\n    deleteTask(id: $id)\n  }\n": types.DeleteTaskDocument,
    "\n  query TaskList($filter: TaskFilter, $query: String, $sort: TaskSort, $first: Int, $after: String) {\n    tasks(filter: $filter, query: $query, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          position\n          ...TaskItemFields\n          ...SubtaskSummaryFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.TaskListDocument,
    "\n  query Tags {\n    tags {\n      id\n      name\n      color\n    }\n  }\n": types.TagsDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password)\n  }\n": types.DeleteAccountDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      ...AuthPayloadFields\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  query Sessions {\n    sessions {\n      id\n      current\n      createdAt\n      lastUsedAt\n      userAgent\n    }\n  }\n": types.SessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": types.RevokeSessionDocument,
    "\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n": types.SignOutEverywhereDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n": types.VerifyEmailDocument,
    "\n  mutation DismissReminderInEditor($id: ID!) {\n    dismissReminder(id: $id) {\n      ...ReminderFields\n    }\n  }\n": types.DismissReminderInEditorDocument,
    "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      ...TaskItemFields\n    }\n  }\n": types.CreateTaskDocument,
    "\n  mutation UpdateTask($id: ID!, $input: UpdateTaskInput!) {\n    updateTask(id: $id, input: $input) {\n      id\n      ...TaskItemFields\n    }\n  }\n": types.UpdateTaskDocument,
    "\n  mutation MoveTask($id: ID!, $projectId: ID!) {\n    moveTask(id: $id, projectId: $projectId) {\n      id\n      ...TaskItemFields\n    }\n  }\n": types.MoveTaskDocument,
    "\n  mutation SetTaskTags($taskId: ID!, $names: [String!]!) {\n    setTaskTags(taskId: $taskId, names: $names) {\n      id\n      tags {\n        id\n        name\n        color\n      }\n    }\n  }\n": types.SetTaskTagsDocument,
    "\n  mutation CreateTag($name: String!, $color: String) {\n    createTag(name: $name, color: $color) {\n      id\n      name\n      color\n    }\n  }\n": types.CreateTagDocument,
    "\n  mutation AddReminder($input: AddReminderInput!) {\n    addReminder(input: $input) {\n      ...ReminderFields\n    }\n  }\n": types.AddReminderDocument,
    "\n  mutation ShareProject($projectId: ID!, $email: String!, $role: ProjectRole!) {\n    shareProject(projectId: $projectId, email: $email, role: $role) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n": types.ShareProjectDocument,
    "\n  mutation ChangeMemberRole($projectId: ID!, $userId: ID!, $role: ProjectRole!) {\n    changeMemberRole(projectId: $projectId, userId: $userId, role: $role) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n": types.ChangeMemberRoleDocument,
    "\n  mutation RemoveMember($projectId: ID!, $userId: ID!) {\n    removeMember(projectId: $projectId, userId: $userId) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n": types.RemoveMemberDocument,
    "\n  mutation CancelProjectInvitation($projectId: ID!, $email: String!) {\n    cancelProjectInvitation(projectId: $projectId, email: $email) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n": types.CancelProjectInvitationDocument,
    "\n  mutation LeaveProject($projectId: ID!) {\n    leaveProject(projectId: $projectId)\n  }\n": types.LeaveProjectDocument,
    "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      ...ProjectFields\n    }\n  }\n": types.CreateProjectDocument,
    "\n  query SavedViews {\n    savedViews {\n      id\n      name\n      query\n      sort {\n        field\n        direction\n      }\n      position\n    }\n  }\n": types.SavedViewsDocument,
    "\n  mutation CreateSavedView($input: CreateSavedViewInput!) {\n    createSavedView(input: $input) {\n      id\n      name\n      query\n      sort {\n        field\n        direction\n      }\n      position\n    }\n  }\n": types.CreateSavedViewDocument,
    "\n  mutation RenameSavedView($id: ID!, $name: String!) {\n    updateSavedView(id: $id, input: { name: $name }) {\n      id\n      name\n    }\n  }\n": types.RenameSavedViewDocument,
    "\n  mutation DeleteSavedView($id: ID!) {\n    deleteSavedView(id: $id)\n  }\n": types.DeleteSavedViewDocument,
    "\n  fragment ProjectFields on Project {\n    id\n    name\n    color\n    isInbox\n    role\n    position\n  }\n": types.ProjectFieldsFragmentDoc,
    "\n  query Projects {\n    projects {\n      id\n      ...ProjectFields\n    }\n  }\n": types.ProjectsDocument,
    "\n  query ProjectOpenCount($id: ID!) {\n    project(id: $id) {\n      id\n      openTasks: tasks(filter: { status: OPEN }, first: 1) {\n        totalCount\n      }\n    }\n  }\n": types.ProjectOpenCountDocument,
    "\n  fragment ProjectSharingFields on Project {\n    id\n    role\n    isInbox\n    members {\n      role\n      joinedAt\n      user {\n        id\n      }\n    }\n    invitations {\n      email\n      role\n      invitedAt\n    }\n  }\n": types.ProjectSharingFieldsFragmentDoc,
    "\n  query ProjectMembers($id: ID!) {\n    project(id: $id) {\n      id\n      ...ProjectFields\n      ...ProjectSharingFields\n    }\n  }\n": types.ProjectMembersDocument,
    "\n  query MemberNames($id: ID!) {\n    project(id: $id) {\n      id\n      members {\n        user {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.MemberNamesDocument,
    "\n  fragment SubtaskSummaryFields on Task {\n    id\n    subtaskProgress {\n      done\n      total\n    }\n    parent {\n      id\n      title\n      parent {\n        id\n        parent {\n          id\n        }\n      }\n    }\n  }\n": types.SubtaskSummaryFieldsFragmentDoc,
    "\n  query TaskSubtaskSummary($id: ID!) {\n    task(id: $id) {\n      id\n      ...SubtaskSummaryFields\n    }\n  }\n": types.TaskSubtaskSummaryDocument,
    "\n  query Subtasks($id: ID!) {\n    task(id: $id) {\n      id\n      subtaskProgress {\n        done\n        total\n      }\n      subtasks {\n        id\n        ...TaskItemFields\n        ...SubtaskSummaryFields\n      }\n    }\n  }\n": types.SubtasksDocument,
    "\n  fragment SubtaskStateFields on Task {\n    id\n    status\n    completedAt\n    isOverdue\n    subtaskProgress {\n      done\n      total\n    }\n  }\n": types.SubtaskStateFieldsFragmentDoc,
    "\n  fragment SubtaskTreeFields on Task {\n    subtaskProgress {\n      done\n      total\n    }\n    parent {\n      id\n      subtaskProgress {\n        done\n        total\n      }\n    }\n    subtasks {\n      ...SubtaskStateFields\n      subtasks {\n        ...SubtaskStateFields\n        subtasks {\n          ...SubtaskStateFields\n        }\n      }\n    }\n  }\n": types.SubtaskTreeFieldsFragmentDoc,
    "\n  fragment SubtaskProgressFields on Task {\n    id\n    subtaskProgress {\n      done\n      total\n    }\n  }\n": types.SubtaskProgressFieldsFragmentDoc,
    "\n  mutation CreateSubtask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      ...TaskItemFields\n      ...SubtaskSummaryFields\n      parent {\n        id\n        subtaskProgress {\n          done\n          total\n        }\n      }\n    }\n  }\n": types.CreateSubtaskDocument,
    "\n  query ParseQuickAdd($text: String!, $timeZone: String, $keepAsText: [Int!]) {\n    parseTask(text: $text, timeZone: $timeZone, keepAsText: $keepAsText) {\n      title\n      description\n      dueAt\n      dueDate\n      timeZone\n      priority\n      tagNames\n      projectId\n      recurrence {\n        rrule\n        timeZone\n        anchor\n      }\n      reminderOffsetsMinutes\n      parts {\n        kind\n        text\n        start\n        end\n      }\n    }\n  }\n": types.ParseQuickAddDocument,
    "\n  mutation QuickAddTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      ...TaskItemFields\n    }\n  }\n": types.QuickAddTaskDocument,
    "\n  mutation QuickAddTags($taskId: ID!, $names: [String!]!) {\n    setTaskTags(taskId: $taskId, names: $names) {\n      id\n      tags {\n        id\n        name\n        color\n      }\n    }\n  }\n": types.QuickAddTagsDocument,
    "\n  mutation QuickAddReminder($input: AddReminderInput!) {\n    addReminder(input: $input) {\n      id\n    }\n  }\n": types.QuickAddReminderDocument,
    "\n  mutation ReorderTask($id: ID!, $afterId: ID, $beforeId: ID) {\n    reorderTask(id: $id, afterId: $afterId, beforeId: $beforeId) {\n      id\n      position\n    }\n  }\n": types.ReorderTaskDocument,
    "\n  query Trash($after: String) {\n    trash(first: 50, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          trashedAt\n          project {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.TrashDocument,
    "\n  mutation RestoreTask($id: ID!) {\n    restoreTask(id: $id) {\n      ...TaskItemFields\n    }\n  }\n": types.RestoreTaskDocument,
    "\n  fragment TaskPlacement on Task {\n    id\n    project {\n      id\n    }\n  }\n": types.TaskPlacementFragmentDoc,
    "\n  fragment AuthPayloadFields on AuthPayload {\n    token\n    expiresAt\n    user {\n      id\n      email\n      name\n      timeZone\n      emailVerified\n    }\n  }\n": types.AuthPayloadFieldsFragmentDoc,
    "\n  mutation RefreshSession {\n    refreshSession {\n      ...AuthPayloadFields\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ProjectChanges {\n    projectChanges {\n      type\n      taskId\n      projectId\n      at\n      actor {\n        id\n      }\n      task {\n        id\n        ...TaskItemFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ProjectChanges {\n    projectChanges {\n      type\n      taskId\n      projectId\n      at\n      actor {\n        id\n      }\n      task {\n        id\n        ...TaskItemFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReminderDue {\n    reminderDue {\n      id\n      firedAt\n      reminder {\n        id\n        remindAt\n        state\n      }\n      task {\n        id\n        title\n        priority\n        dueAt\n        dueDate\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ReminderDue {\n    reminderDue {\n      id\n      firedAt\n      reminder {\n        id\n        remindAt\n        state\n      }\n      task {\n        id\n        title\n        priority\n        dueAt\n        dueDate\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeReminder($id: ID!) {\n    acknowledgeReminder(id: $id) {\n      id\n      state\n    }\n  }\n"): (typeof documents)["\n  mutation AcknowledgeReminder($id: ID!) {\n    acknowledgeReminder(id: $id) {\n      id\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SnoozeReminder($id: ID!, $until: DateTime!) {\n    snoozeReminder(id: $id, until: $until) {\n      id\n      state\n      snoozedUntil\n      remindAt\n    }\n  }\n"): (typeof documents)["\n  mutation SnoozeReminder($id: ID!, $until: DateTime!) {\n    snoozeReminder(id: $id, until: $until) {\n      id\n      state\n      snoozedUntil\n      remindAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissReminder($id: ID!) {\n    dismissReminder(id: $id) {\n      id\n      state\n    }\n  }\n"): (typeof documents)["\n  mutation DismissReminder($id: ID!) {\n    dismissReminder(id: $id) {\n      id\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskEditor($id: ID!) {\n    task(id: $id) {\n      id\n      ...TaskItemFields\n      timeZone\n      reminders {\n        ...ReminderFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query TaskEditor($id: ID!) {\n    task(id: $id) {\n      id\n      ...TaskItemFields\n      timeZone\n      reminders {\n        ...ReminderFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReminderFields on Reminder {\n    id\n    remindAt\n    offsetMinutes\n    state\n    snoozedUntil\n  }\n"): (typeof documents)["\n  fragment ReminderFields on Reminder {\n    id\n    remindAt\n    offsetMinutes\n    state\n    snoozedUntil\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    type\n    occurredAt\n    actor {\n      id\n    }\n    actorDeleted\n    changes {\n      field\n      oldValue\n      newValue\n    }\n  }\n"): (typeof documents)["\n  fragment AuditEntryFields on AuditEntry {\n    id\n    type\n    occurredAt\n    actor {\n      id\n    }\n    actorDeleted\n    changes {\n      field\n      oldValue\n      newValue\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskHistory($id: ID!, $after: String) {\n    task(id: $id) {\n      id\n      title\n      project {\n        id\n      }\n      history(first: 50, after: $after) {\n        edges {\n          cursor\n          node {\n            ...AuditEntryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TaskHistory($id: ID!, $after: String) {\n    task(id: $id) {\n      id\n      title\n      project {\n        id\n      }\n      history(first: 50, after: $after) {\n        edges {\n          cursor\n          node {\n            ...AuditEntryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskItemFields on Task {\n    id\n    title\n    description\n    priority\n    status\n    dueAt\n    dueDate\n    isOverdue\n    completedAt\n    occurrence\n    seriesId\n    recurrence {\n      rrule\n      timeZone\n      anchor\n    }\n    tags {\n      id\n      name\n      color\n    }\n    project {\n      id\n      name\n      color\n    }\n    assignee {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment TaskItemFields on Task {\n    id\n    title\n    description\n    priority\n    status\n    dueAt\n    dueDate\n    isOverdue\n    completedAt\n    occurrence\n    seriesId\n    recurrence {\n      rrule\n      timeZone\n      anchor\n    }\n    tags {\n      id\n      name\n      color\n    }\n    project {\n      id\n      name\n      color\n    }\n    assignee {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteTask($id: ID!) {\n    completeTask(id: $id) {\n      ...TaskItemFields\n      ...SubtaskTreeFields\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteTask($id: ID!) {\n    completeTask(id: $id) {\n      ...TaskItemFields\n      ...SubtaskTreeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReopenTask($id: ID!) {\n    reopenTask(id: $id) {\n      ...TaskItemFields\n      ...SubtaskTreeFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReopenTask($id: ID!) {\n    reopenTask(id: $id) {\n      ...TaskItemFields\n      ...SubtaskTreeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SeriesInstances($seriesId: ID!) {\n    tasks(filter: { seriesId: $seriesId }, first: 200) {\n      edges {\n        node {\n          id\n          occurrence\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SeriesInstances($seriesId: ID!) {\n    tasks(filter: { seriesId: $seriesId }, first: 200) {\n      edges {\n        node {\n          id\n          occurrence\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteTask($id: ID!) {\n    deleteTask(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteTask($id: ID!) {\n    deleteTask(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskList($filter: TaskFilter, $query: String, $sort: TaskSort, $first: Int, $after: String) {\n    tasks(filter: $filter, query: $query, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          position\n          ...TaskItemFields\n          ...SubtaskSummaryFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query TaskList($filter: TaskFilter, $query: String, $sort: TaskSort, $first: Int, $after: String) {\n    tasks(filter: $filter, query: $query, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          position\n          ...TaskItemFields\n          ...SubtaskSummaryFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tags {\n    tags {\n      id\n      name\n      color\n    }\n  }\n"): (typeof documents)["\n  query Tags {\n    tags {\n      id\n      name\n      color\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password)\n  }\n"): (typeof documents)["\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      ...AuthPayloadFields\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      ...AuthPayloadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Sessions {\n    sessions {\n      id\n      current\n      createdAt\n      lastUsedAt\n      userAgent\n    }\n  }\n"): (typeof documents)["\n  query Sessions {\n    sessions {\n      id\n      current\n      createdAt\n      lastUsedAt\n      userAgent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n"): (typeof documents)["\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissReminderInEditor($id: ID!) {\n    dismissReminder(id: $id) {\n      ...ReminderFields\n    }\n  }\n"): (typeof documents)["\n  mutation DismissReminderInEditor($id: ID!) {\n    dismissReminder(id: $id) {\n      ...ReminderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      ...TaskItemFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      ...TaskItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTask($id: ID!, $input: UpdateTaskInput!) {\n    updateTask(id: $id, input: $input) {\n      id\n      ...TaskItemFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTask($id: ID!, $input: UpdateTaskInput!) {\n    updateTask(id: $id, input: $input) {\n      id\n      ...TaskItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveTask($id: ID!, $projectId: ID!) {\n    moveTask(id: $id, projectId: $projectId) {\n      id\n      ...TaskItemFields\n    }\n  }\n"): (typeof documents)["\n  mutation MoveTask($id: ID!, $projectId: ID!) {\n    moveTask(id: $id, projectId: $projectId) {\n      id\n      ...TaskItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTaskTags($taskId: ID!, $names: [String!]!) {\n    setTaskTags(taskId: $taskId, names: $names) {\n      id\n      tags {\n        id\n        name\n        color\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetTaskTags($taskId: ID!, $names: [String!]!) {\n    setTaskTags(taskId: $taskId, names: $names) {\n      id\n      tags {\n        id\n        name\n        color\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTag($name: String!, $color: String) {\n    createTag(name: $name, color: $color) {\n      id\n      name\n      color\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTag($name: String!, $color: String) {\n    createTag(name: $name, color: $color) {\n      id\n      name\n      color\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddReminder($input: AddReminderInput!) {\n    addReminder(input: $input) {\n      ...ReminderFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddReminder($input: AddReminderInput!) {\n    addReminder(input: $input) {\n      ...ReminderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShareProject($projectId: ID!, $email: String!, $role: ProjectRole!) {\n    shareProject(projectId: $projectId, email: $email, role: $role) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n"): (typeof documents)["\n  mutation ShareProject($projectId: ID!, $email: String!, $role: ProjectRole!) {\n    shareProject(projectId: $projectId, email: $email, role: $role) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeMemberRole($projectId: ID!, $userId: ID!, $role: ProjectRole!) {\n    changeMemberRole(projectId: $projectId, userId: $userId, role: $role) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeMemberRole($projectId: ID!, $userId: ID!, $role: ProjectRole!) {\n    changeMemberRole(projectId: $projectId, userId: $userId, role: $role) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMember($projectId: ID!, $userId: ID!) {\n    removeMember(projectId: $projectId, userId: $userId) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveMember($projectId: ID!, $userId: ID!) {\n    removeMember(projectId: $projectId, userId: $userId) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelProjectInvitation($projectId: ID!, $email: String!) {\n    cancelProjectInvitation(projectId: $projectId, email: $email) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelProjectInvitation($projectId: ID!, $email: String!) {\n    cancelProjectInvitation(projectId: $projectId, email: $email) {\n      id\n      ...ProjectSharingFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveProject($projectId: ID!) {\n    leaveProject(projectId: $projectId)\n  }\n"): (typeof documents)["\n  mutation LeaveProject($projectId: ID!) {\n    leaveProject(projectId: $projectId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      ...ProjectFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      ...ProjectFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SavedViews {\n    savedViews {\n      id\n      name\n      query\n      sort {\n        field\n        direction\n      }\n      position\n    }\n  }\n"): (typeof documents)["\n  query SavedViews {\n    savedViews {\n      id\n      name\n      query\n      sort {\n        field\n        direction\n      }\n      position\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSavedView($input: CreateSavedViewInput!) {\n    createSavedView(input: $input) {\n      id\n      name\n      query\n      sort {\n        field\n        direction\n      }\n      position\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSavedView($input: CreateSavedViewInput!) {\n    createSavedView(input: $input) {\n      id\n      name\n      query\n      sort {\n        field\n        direction\n      }\n      position\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameSavedView($id: ID!, $name: String!) {\n    updateSavedView(id: $id, input: { name: $name }) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation RenameSavedView($id: ID!, $name: String!) {\n    updateSavedView(id: $id, input: { name: $name }) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSavedView($id: ID!) {\n    deleteSavedView(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteSavedView($id: ID!) {\n    deleteSavedView(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProjectFields on Project {\n    id\n    name\n    color\n    isInbox\n    role\n    position\n  }\n"): (typeof documents)["\n  fragment ProjectFields on Project {\n    id\n    name\n    color\n    isInbox\n    role\n    position\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Projects {\n    projects {\n      id\n      ...ProjectFields\n    }\n  }\n"): (typeof documents)["\n  query Projects {\n    projects {\n      id\n      ...ProjectFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectOpenCount($id: ID!) {\n    project(id: $id) {\n      id\n      openTasks: tasks(filter: { status: OPEN }, first: 1) {\n        totalCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProjectOpenCount($id: ID!) {\n    project(id: $id) {\n      id\n      openTasks: tasks(filter: { status: OPEN }, first: 1) {\n        totalCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProjectSharingFields on Project {\n    id\n    role\n    isInbox\n    members {\n      role\n      joinedAt\n      user {\n        id\n      }\n    }\n    invitations {\n      email\n      role\n      invitedAt\n    }\n  }\n"): (typeof documents)["\n  fragment ProjectSharingFields on Project {\n    id\n    role\n    isInbox\n    members {\n      role\n      joinedAt\n      user {\n        id\n      }\n    }\n    invitations {\n      email\n      role\n      invitedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectMembers($id: ID!) {\n    project(id: $id) {\n      id\n      ...ProjectFields\n      ...ProjectSharingFields\n    }\n  }\n"): (typeof documents)["\n  query ProjectMembers($id: ID!) {\n    project(id: $id) {\n      id\n      ...ProjectFields\n      ...ProjectSharingFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemberNames($id: ID!) {\n    project(id: $id) {\n      id\n      members {\n        user {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MemberNames($id: ID!) {\n    project(id: $id) {\n      id\n      members {\n        user {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SubtaskSummaryFields on Task {\n    id\n    subtaskProgress {\n      done\n      total\n    }\n    parent {\n      id\n      title\n      parent {\n        id\n        parent {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SubtaskSummaryFields on Task {\n    id\n    subtaskProgress {\n      done\n      total\n    }\n    parent {\n      id\n      title\n      parent {\n        id\n        parent {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskSubtaskSummary($id: ID!) {\n    task(id: $id) {\n      id\n      ...SubtaskSummaryFields\n    }\n  }\n"): (typeof documents)["\n  query TaskSubtaskSummary($id: ID!) {\n    task(id: $id) {\n      id\n      ...SubtaskSummaryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Subtasks($id: ID!) {\n    task(id: $id) {\n      id\n      subtaskProgress {\n        done\n        total\n      }\n      subtasks {\n        id\n        ...TaskItemFields\n        ...SubtaskSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Subtasks($id: ID!) {\n    task(id: $id) {\n      id\n      subtaskProgress {\n        done\n        total\n      }\n      subtasks {\n        id\n        ...TaskItemFields\n        ...SubtaskSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SubtaskStateFields on Task {\n    id\n    status\n    completedAt\n    isOverdue\n    subtaskProgress {\n      done\n      total\n    }\n  }\n"): (typeof documents)["\n  fragment SubtaskStateFields on Task {\n    id\n    status\n    completedAt\n    isOverdue\n    subtaskProgress {\n      done\n      total\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SubtaskTreeFields on Task {\n    subtaskProgress {\n      done\n      total\n    }\n    parent {\n      id\n      subtaskProgress {\n        done\n        total\n      }\n    }\n    subtasks {\n      ...SubtaskStateFields\n      subtasks {\n        ...SubtaskStateFields\n        subtasks {\n          ...SubtaskStateFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SubtaskTreeFields on Task {\n    subtaskProgress {\n      done\n      total\n    }\n    parent {\n      id\n      subtaskProgress {\n        done\n        total\n      }\n    }\n    subtasks {\n      ...SubtaskStateFields\n      subtasks {\n        ...SubtaskStateFields\n        subtasks {\n          ...SubtaskStateFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SubtaskProgressFields on Task {\n    id\n    subtaskProgress {\n      done\n      total\n    }\n  }\n"): (typeof documents)["\n  fragment SubtaskProgressFields on Task {\n    id\n    subtaskProgress {\n      done\n      total\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSubtask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      ...TaskItemFields\n      ...SubtaskSummaryFields\n      parent {\n        id\n        subtaskProgress {\n          done\n          total\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSubtask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      ...TaskItemFields\n      ...SubtaskSummaryFields\n      parent {\n        id\n        subtaskProgress {\n          done\n          total\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ParseQuickAdd($text: String!, $timeZone: String, $keepAsText: [Int!]) {\n    parseTask(text: $text, timeZone: $timeZone, keepAsText: $keepAsText) {\n      title\n      description\n      dueAt\n      dueDate\n      timeZone\n      priority\n      tagNames\n      projectId\n      recurrence {\n        rrule\n        timeZone\n        anchor\n      }\n      reminderOffsetsMinutes\n      parts {\n        kind\n        text\n        start\n        end\n      }\n    }\n  }\n"): (typeof documents)["\n  query ParseQuickAdd($text: String!, $timeZone: String, $keepAsText: [Int!]) {\n    parseTask(text: $text, timeZone: $timeZone, keepAsText: $keepAsText) {\n      title\n      description\n      dueAt\n      dueDate\n      timeZone\n      priority\n      tagNames\n      projectId\n      recurrence {\n        rrule\n        timeZone\n        anchor\n      }\n      reminderOffsetsMinutes\n      parts {\n        kind\n        text\n        start\n        end\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QuickAddTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      ...TaskItemFields\n    }\n  }\n"): (typeof documents)["\n  mutation QuickAddTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      ...TaskItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QuickAddTags($taskId: ID!, $names: [String!]!) {\n    setTaskTags(taskId: $taskId, names: $names) {\n      id\n      tags {\n        id\n        name\n        color\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation QuickAddTags($taskId: ID!, $names: [String!]!) {\n    setTaskTags(taskId: $taskId, names: $names) {\n      id\n      tags {\n        id\n        name\n        color\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QuickAddReminder($input: AddReminderInput!) {\n    addReminder(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation QuickAddReminder($input: AddReminderInput!) {\n    addReminder(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReorderTask($id: ID!, $afterId: ID, $beforeId: ID) {\n    reorderTask(id: $id, afterId: $afterId, beforeId: $beforeId) {\n      id\n      position\n    }\n  }\n"): (typeof documents)["\n  mutation ReorderTask($id: ID!, $afterId: ID, $beforeId: ID) {\n    reorderTask(id: $id, afterId: $afterId, beforeId: $beforeId) {\n      id\n      position\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Trash($after: String) {\n    trash(first: 50, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          trashedAt\n          project {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Trash($after: String) {\n    trash(first: 50, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          trashedAt\n          project {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreTask($id: ID!) {\n    restoreTask(id: $id) {\n      ...TaskItemFields\n    }\n  }\n"): (typeof documents)["\n  mutation RestoreTask($id: ID!) {\n    restoreTask(id: $id) {\n      ...TaskItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskPlacement on Task {\n    id\n    project {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment TaskPlacement on Task {\n    id\n    project {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthPayloadFields on AuthPayload {\n    token\n    expiresAt\n    user {\n      id\n      email\n      name\n      timeZone\n      emailVerified\n    }\n  }\n"): (typeof documents)["\n  fragment AuthPayloadFields on AuthPayload {\n    token\n    expiresAt\n    user {\n      id\n      email\n      name\n      timeZone\n      emailVerified\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession {\n    refreshSession {\n      ...AuthPayloadFields\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession {\n    refreshSession {\n      ...AuthPayloadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;