/**
 * The accounts package's public face for workers and tests: the user's domain operations (each
 * emits its `user-events` event in the same transaction) and the database they run on.
 */
export { accountsSchema, createAccountsDatabase, type AccountsDatabase, type UserRow } from './db/database.js';
export { changeUserEmail, deleteUser, updateUserProfile } from './modules/user/user.service.js';
