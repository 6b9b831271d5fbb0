/** What read queries need from D1: the database itself or a Sessions API session. */
export type D1Reader = Pick<D1Database, 'prepare' | 'batch'>;
