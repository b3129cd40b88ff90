/**
 * `WorkerBatch`: a classified file whose engine-side `Batch` lives elsewhere (a Worker, or the
 * iframe page). Every result column arrived with it as typed arrays, so reading columns, issues,
 * the mapping or the profile is synchronous, exactly like the in-page `Batch`; what needs the
 * engine (`row`, `toCsv`, `toJsonl`, `stress`, `cluster`, `free`) is an async call to where the
 * batch lives.
 */

export class WorkerBatch {
  #data;
  #call;
  #freed = false;

  /**
   * @param data  the payload `serve.js` built (`payloadOf`): columns and the small tables
   * @param call  `(method, args) => Promise` — calls the engine-side batch
   */
  constructor(data, call) {
    this.#data = data;
    this.#call = call;
  }

  /** Number of result rows. */
  get length() {
    return this.#data.length;
  }
  /** The encoding the file was read as. */
  get encoding() {
    return this.#data.encoding;
  }
  /** The policy's name. */
  get policyName() {
    return this.#data.policyName;
  }
  /** Result column names, in output order. */
  columnNames() {
    return this.#data.columnNames.slice();
  }
  /** One result column, the same shape `Batch.column(name)` gives (text columns as `{ text, offsets }`). */
  column(name) {
    const col = this.#data.columns[name];
    if (!col) throw new Error(`no result column '${name}'`);
    return col;
  }
  /** Customer names packed as `{ text, offsets }` (all empty when the file has none). */
  names() {
    return this.#data.names;
  }
  /** Spreadsheet row number of each result (header = 1). */
  sourceRows() {
    return this.#data.sourceRows;
  }
  /** How each header was mapped. */
  mapping() {
    return this.#data.mapping;
  }
  /** Every problem found, with row and column. */
  issues() {
    return this.#data.issues;
  }
  /** Segment profile and quality flags. */
  profile() {
    return this.#data.profile;
  }
  /** The scorecard's features (label, reason, maximum points). */
  features() {
    return this.#data.features;
  }

  /** Everything about one row: every column, the points breakdown, reasons with zh/en texts. */
  row(index) {
    return this.#remote('row', [index]);
  }
  /** The results as CSV bytes, identical to `lendseg segment [--bom] [--excel-safe]`. */
  toCsv(bom = false, excelSafe = false) {
    return this.#remote('toCsv', [bom, excelSafe]);
  }
  /** The results as JSON Lines bytes, identical to `lendseg segment --format jsonl`. */
  toJsonl() {
    return this.#remote('toJsonl', []);
  }
  /** Grade migration under one of the policy's stress scenarios. */
  stress(scenario) {
    return this.#remote('stress', [scenario]);
  }
  /** k-means on the portfolio (see `Batch.cluster`). */
  cluster(settings) {
    return this.#remote('cluster', [settings ?? null]);
  }
  /** Release the engine-side batch. The columns already here stay readable. */
  async free() {
    if (this.#freed) return;
    this.#freed = true;
    await this.#call('free', []);
  }

  #remote(method, args) {
    if (this.#freed) return Promise.reject(new Error(`lendseg: ${method}() on a batch that was freed`));
    return this.#call(method, args);
  }
}
