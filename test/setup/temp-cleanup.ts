/** Runs before each test file: the folders its collection made are removed when it ends. */
import { afterAll } from 'vitest';
import { removeFileScopedFolders } from '../helpers/temp.js';

afterAll(removeFileScopedFolders);
