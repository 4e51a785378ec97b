import { openTable, type ReadTableOptions, type TableFormat, type TableReader, type TableSource } from "../io/read-table.js";
import { typedRecord, type CellType } from "../io/typed-cells.js";
import { ColumnAccumulator } from "./column-accumulator.js";
import { describeRowError, type DeclaredSchema } from "./declared-schema.js";
import { nameLooksLikeIdentifier } from "./infer-kind.js";

/**
 * One pass over a table into per-column accumulators, in memory that does not grow with the number
 * of rows. With the owner's schema, each row is also checked against it (a data-quality check in
 * passing), and failing rows are reported by line, never by value.
 */

export interface ScanProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export interface RowFailure {
  line: number;
  /** Where in the row, as a JSON pointer ("/age"). */
  pointer: string;
  message: string;
}

export interface RowCheck {
  rowsChecked: number;
  rowsFailed: number;
  /** The first few failures (up to `maxFailures`). */
  failures: RowFailure[];
}

export interface ScanOptions extends ReadTableOptions {
  minCount: number;
  declared?: DeclaredSchema;
  onProgress?: (progress: ScanProgress) => void;
  /** Failures listed in the row check (all are counted). Default 20. */
  maxFailures?: number;
  distinctLimit?: number;
  exactNumberLimit?: number;
  /** See AccumulatorOptions.codeLevels. */
  codeLevels?: number;
}

export interface ScanResult {
  file: string;
  format: TableFormat;
  rows: number;
  columns: ColumnAccumulator[];
  rowCheck?: RowCheck;
}

export async function scanTable(input: string | TableSource, options: ScanOptions): Promise<ScanResult> {
  const reader: TableReader = openTable(input, options);
  // A stream's format is known once its first bytes have come: the options are made at the first batch.
  const accumulatorOptions = () => ({
    minCount: options.minCount,
    typedSource: reader.format === "jsonl",
    ...(options.distinctLimit !== undefined ? { distinctLimit: options.distinctLimit } : {}),
    ...(options.exactNumberLimit !== undefined ? { exactNumberLimit: options.exactNumberLimit } : {}),
    ...(options.codeLevels !== undefined ? { codeLevels: options.codeLevels } : {}),
  });
  const columns: ColumnAccumulator[] = [];
  let rows = 0;
  const declared = options.declared;
  const rowCheck: RowCheck | undefined = declared ? { rowsChecked: 0, rowsFailed: 0, failures: [] } : undefined;
  const maxFailures = options.maxFailures ?? 20;
  let cellTypes: CellType[] = [];

  for await (const batch of reader.batches()) {
    // JSON Lines may reveal a new column at any row: it was absent from every row before.
    while (columns.length < reader.columns.length) {
      const name = reader.columns[columns.length]!;
      const keepCounting = declared?.columns.get(name)?.hasEnum === true;
      const column = new ColumnAccumulator(name, { ...accumulatorOptions(), keepCounting, countUntilRepeat: nameLooksLikeIdentifier(name) });
      for (let i = 0; i < rows; i++) column.add(undefined);
      columns.push(column);
      if (declared) cellTypes = reader.columns.map((name) => declared.columns.get(name)?.cellType ?? "any");
    }
    const width = columns.length;
    for (const row of batch) {
      const cells = row.cells;
      for (let c = 0; c < width; c++) columns[c]!.add(cells[c]);
      if (declared && rowCheck) {
        rowCheck.rowsChecked++;
        const record = typedRecord(reader.columns, cells, cellTypes);
        if (!declared.loaded.validate(record)) {
          rowCheck.rowsFailed++;
          if (rowCheck.failures.length < maxFailures) rowCheck.failures.push({ line: row.line, ...describeRowError(declared.loaded.validate.errors) });
        }
      }
    }
    rows += batch.length;
    options.onProgress?.({ bytesRead: reader.bytesRead, totalBytes: reader.totalBytes, rows });
  }
  return { file: reader.file, format: reader.format, rows, columns, ...(rowCheck ? { rowCheck } : {}) };
}
