import { InitialSchema1795943584904 } from '../../migrations/1795943584904-InitialSchema';

// Listed explicitly, oldest first: a new migration is added here and never edited once landed.
export const MIGRATIONS = [InitialSchema1795943584904];
