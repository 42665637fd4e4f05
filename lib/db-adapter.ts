import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma's engine ends a failed transaction by running ROLLBACK as a query, and only then tells
// the adapter, which releases its transaction lock. After some errors (SQLITE_FULL above all)
// SQLite has already rolled the transaction back itself, so that ROLLBACK fails with "no
// transaction is active", the lock is never released, and every later write of the process
// waits forever: a full data disk would wedge the panel until a restart. A ROLLBACK that finds
// no transaction open is what was wanted, so it counts as done here.

type TQuery = { sql: string };
type TTransaction = { executeRaw(query: TQuery): Promise<number> };
const inTransaction = (tx: TTransaction): boolean => (tx as { client?: { inTransaction?: boolean } }).client?.inTransaction !== false;

function tolerateAutoRollback<T extends TTransaction>(tx: T): T {
  const executeRaw = tx.executeRaw.bind(tx);
  tx.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (err) {
      if (query.sql.trim().toUpperCase() === "ROLLBACK" && !inTransaction(tx)) return 0;
      throw err;
    }
  };
  return tx;
}

export class PanelSQLiteAdapter extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => tolerateAutoRollback(await startTransaction(isolationLevel));
    return adapter;
  }
}
