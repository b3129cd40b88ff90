//! The `lendseg` command line: a thin shell over the core (read the file, run, write). All logic
//! lives in the library so the CLI, Node and the browser give identical results.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    // `lendseg … | head` should end quietly when the reader goes away, like other Unix tools,
    // instead of panicking on a broken pipe: restore the default SIGPIPE action.
    #[cfg(unix)]
    // SAFETY: setting a signal disposition to its default before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    cli::main()
}

/// Native only: wasm32 builds of this binary (made when running the wasm tests) are empty.
#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand, ValueEnum};
    use lendseg::batch::{self, RunOptions};
    use lendseg::dataset::Severity;
    use lendseg::demo_data::{self, DemoOptions, HeaderLang};
    use lendseg::fields::MoneyUnit;
    use lendseg::ingest::ReadOptions;
    use lendseg::ingest::cell;
    use lendseg::output::{self, CsvOptions};
    use lendseg::policy::{self, Policy};
    use lendseg::stream::Format as StreamFormat;
    use std::io::Write;
    use std::path::PathBuf;
    use std::process::ExitCode;

    #[derive(Parser)]
    #[command(
        name = "lendseg",
        version,
        about = "Customer segmentation and credit scoring for lending"
    )]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum Format {
        Csv,
        Jsonl,
        /// An Excel workbook (needs the `xlsx` feature, on by default).
        Xlsx,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum Unit {
        Yuan,
        Wan,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum Lang {
        En,
        Zh,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum OutLang {
        Zh,
        En,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Classify, score and segment every customer of a CSV file (UTF-8, UTF-8 with BOM or GBK)
        /// or Excel workbook (.xlsx/.xls/.ods) and write one result row per input row. Problems are listed on stderr with their row
        /// and column.
        Segment {
            /// Input file (CSV or tab-separated); `-` reads standard input.
            input: PathBuf,
            /// A built-in policy name (enterprise, individual) or a policy JSON file.
            #[arg(long, default_value = "enterprise")]
            policy: String,
            /// Unit of money columns whose header does not name one.
            #[arg(long, value_enum, default_value = "yuan")]
            money_unit: Unit,
            #[arg(long, value_enum, default_value = "csv")]
            format: Format,
            /// Language of the text columns (segment name, action).
            #[arg(long, value_enum, default_value = "zh")]
            lang: OutLang,
            /// Output file (default: standard output).
            #[arg(short, long)]
            output: Option<PathBuf>,
            /// Start CSV output with a UTF-8 BOM (for Excel).
            #[arg(long)]
            bom: bool,
            /// Neutralise cells starting with = + - @ against spreadsheet formula injection.
            #[arg(long)]
            excel_safe: bool,
            /// Write the segment profile and quality check (CSV) to this file.
            #[arg(long)]
            profile: Option<PathBuf>,
            /// Run a stress scenario of the policy and write its grade-migration matrix (CSV).
            #[arg(long, requires = "stress_out")]
            stress: Option<String>,
            #[arg(long)]
            stress_out: Option<PathBuf>,
            /// Today's date (YYYY-MM-DD) for the future-date check; default: the system date.
            #[arg(long)]
            today: Option<String>,
            /// The sheet to read when the input is an Excel workbook (default: the first).
            #[arg(long)]
            sheet: Option<String>,
            /// Read the file part by part in bounded memory (same results as reading it whole;
            /// automatic for files over 1 GiB). Not with --profile, --stress or standard input.
            #[arg(long, conflicts_with_all = ["profile", "stress"])]
            stream: bool,
        },
        /// Work with policies: print the JSON Schema, validate a file, or show a policy.
        Policy {
            #[command(subcommand)]
            action: PolicyAction,
        },
        /// Aggregate a transactions file (id, date, amount) per customer as of a date, and score RFM.
        Rfm {
            input: PathBuf,
            /// The date recency is measured from (YYYY-MM-DD).
            #[arg(long)]
            as_of: String,
            #[arg(long, default_value = "enterprise")]
            policy: String,
            #[arg(long, value_enum, default_value = "yuan")]
            money_unit: Unit,
            #[arg(short, long)]
            output: Option<PathBuf>,
        },
        /// Fit a scorecard on labelled history (binning, WoE/IV, screening, logistic regression,
        /// points) and write a policy that uses it.
        Train {
            input: PathBuf,
            /// The label column: 0/1, or two labels with --bad-value.
            #[arg(long)]
            target: String,
            /// The label that marks a bad (defaulted) row, when the target is not 0/1.
            #[arg(long)]
            bad_value: Option<String>,
            /// Columns never used as features (comma-separated), e.g. a copy of the label.
            #[arg(long, value_delimiter = ',')]
            exclude: Vec<String>,
            /// The policy whose scorecard is replaced (built-in name or file).
            #[arg(long, default_value = "enterprise")]
            base_policy: String,
            /// Variables with a lower information value are dropped.
            #[arg(long, default_value_t = 0.02)]
            min_iv: f64,
            #[arg(long, default_value_t = 8)]
            max_bins: usize,
            #[arg(long, default_value_t = 0.05)]
            min_bin_share: f64,
            /// Manual cut points for a column, refitted as given: COLUMN=c1,c2,… (repeatable).
            #[arg(long = "cuts")]
            cuts: Vec<String>,
            /// Where to write the trained policy (default: standard output).
            #[arg(short, long)]
            output: Option<PathBuf>,
            /// Write the full training report (binning tables, drops, coefficients, metrics) as JSON.
            #[arg(long)]
            report: Option<PathBuf>,
        },
        /// Measure a policy's scorecard on labelled data: AUC, Gini, KS, gains by decile,
        /// calibration per grade, and PSI/CSI against a baseline file.
        Evaluate {
            input: PathBuf,
            #[arg(long, default_value = "enterprise")]
            policy: String,
            #[arg(long)]
            target: String,
            #[arg(long)]
            bad_value: Option<String>,
            /// An earlier file (e.g. the training data) to measure stability against.
            #[arg(long)]
            baseline: Option<PathBuf>,
            /// Print the whole evaluation as JSON.
            #[arg(long)]
            json: bool,
        },
        /// Discover groups in a portfolio with k-means: profiles in words, default rate per
        /// cluster, overlap with the rule-based segments; optionally save the model into a policy.
        Cluster {
            input: PathBuf,
            #[arg(long, default_value = "enterprise")]
            policy: String,
            /// Number of clusters.
            #[arg(short = 'k', long, default_value_t = 5)]
            k: usize,
            /// Choose k in a range (e.g. 2..10) by silhouette on a sample.
            #[arg(long)]
            k_range: Option<String>,
            /// Feature columns (comma-separated); default: the key ratios and size figures present.
            #[arg(long, value_delimiter = ',')]
            features: Vec<String>,
            #[arg(long, default_value_t = 42)]
            seed: u64,
            #[arg(long, default_value_t = 3)]
            n_init: usize,
            /// Median/IQR scaling instead of z-scores.
            #[arg(long)]
            robust: bool,
            /// Mini-batch k-means (very large inputs).
            #[arg(long)]
            mini_batch: bool,
            #[arg(long, value_enum, default_value = "yuan")]
            money_unit: Unit,
            /// Write id,cluster per row (CSV).
            #[arg(short, long)]
            output: Option<PathBuf>,
            /// Write the whole report (profiles, cross table, PCA, k selection, model) as JSON.
            #[arg(long)]
            report: Option<PathBuf>,
            /// Write the policy with the fitted model in it, so new customers get a cluster.
            #[arg(long)]
            save_model: Option<PathBuf>,
        },
        /// Write a synthetic SME customer file (deterministic for a seed).
        DemoData {
            #[arg(short = 'n', long, default_value_t = 1000)]
            rows: usize,
            #[arg(long, default_value_t = 42)]
            seed: u64,
            /// Header language: canonical English field names or Chinese bank-export headers.
            #[arg(long, value_enum, default_value = "en")]
            headers: Lang,
            #[arg(short, long)]
            output: Option<PathBuf>,
        },
    }

    #[derive(Subcommand)]
    enum PolicyAction {
        /// Print the JSON Schema of the policy document.
        Schema,
        /// Validate a policy file; prints every problem with its JSON path.
        Validate { file: PathBuf },
        /// Print a built-in policy (or a file, normalised).
        Show {
            #[arg(default_value = "enterprise")]
            policy: String,
        },
    }

    fn load_policy(name_or_file: &str) -> Result<Policy, String> {
        if let Some(p) = policy::builtin(name_or_file) {
            return Ok(p);
        }
        let text = std::fs::read_to_string(name_or_file).map_err(|e| {
            format!(
                "'{name_or_file}' is neither a built-in policy ({}) nor a readable file: {e}",
                policy::BUILTIN.join(", ")
            )
        })?;
        policy::parse(&text).map_err(|e| format!("{name_or_file}: {}", e.errors.join("\n  ")))
    }

    fn parse_date(s: &str) -> Result<f64, String> {
        match cell::parse_date(s) {
            cell::Cell::Value(d) => Ok(d),
            _ => Err(format!("'{s}' is not a date (YYYY-MM-DD)")),
        }
    }

    fn system_today() -> f64 {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        (secs / 86_400) as f64
    }

    fn money(unit: Unit) -> MoneyUnit {
        match unit {
            Unit::Yuan => MoneyUnit::Yuan,
            Unit::Wan => MoneyUnit::Wan,
        }
    }

    pub fn main() -> ExitCode {
        match run(Cli::parse()) {
            Ok(code) => code,
            Err(err) => {
                eprintln!("lendseg: {err}");
                ExitCode::from(2)
            }
        }
    }

    fn read_input(path: &PathBuf) -> Result<Vec<u8>, String> {
        if path.as_os_str() == "-" {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
                .map_err(|e| format!("reading stdin: {e}"))?;
            return Ok(buf);
        }
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    }

    /// Files above this size are streamed unless the run needs the whole batch.
    const STREAM_ABOVE_BYTES: u64 = 1 << 30;

    /// `segment --stream`: results written part by part, issues printed as they are found.
    fn segment_streamed(
        input: &PathBuf,
        output: &Option<PathBuf>,
        policy: &Policy,
        read: &ReadOptions,
        run: &RunOptions,
        format: StreamFormat,
    ) -> Result<ExitCode, lendseg::stream::StreamError> {
        if input.as_os_str() == "-" {
            return Err(lendseg::stream::StreamError::NotStreamable(
                "standard input cannot be read twice; give a file",
            ));
        }
        let mut file = std::io::BufReader::new(std::fs::File::open(input)?);
        let mut out: Box<dyn Write> = match output {
            Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p)?)),
            None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        };
        let name = input.display().to_string();
        let summary = lendseg::stream::segment_stream(
            &mut file,
            &mut out,
            policy,
            read,
            run,
            &lendseg::stream::StreamOptions {
                format,
                ..Default::default()
            },
            &mut |issue| eprintln!("{name}: {issue}"),
        )?;
        eprintln!(
            "lendseg: {} rows read as {} in {} parts (streamed), {} issues",
            summary.rows, summary.encoding, summary.parts, summary.issues
        );
        Ok(if summary.fatal {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }

    fn write_output(path: &Option<PathBuf>, bytes: &[u8]) -> Result<(), String> {
        match path {
            Some(p) => {
                std::fs::write(p, bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))
            }
            None => std::io::stdout()
                .lock()
                .write_all(bytes)
                .map_err(|e| format!("writing stdout: {e}")),
        }
    }

    fn run(cli: Cli) -> Result<ExitCode, String> {
        match cli.command {
            Command::Segment {
                input,
                policy,
                money_unit,
                format,
                lang,
                output,
                bom,
                excel_safe,
                profile,
                stress,
                stress_out,
                today,
                sheet,
                stream,
            } => {
                let policy = load_policy(&policy)?;
                let read = ReadOptions {
                    money_unit: money(money_unit),
                    sheet,
                    ..ReadOptions::default()
                };
                let today = match today {
                    Some(d) => parse_date(&d)?,
                    None => system_today(),
                };
                let lang = match lang {
                    OutLang::Zh => batch::Lang::Zh,
                    OutLang::En => batch::Lang::En,
                };
                let run_opts = RunOptions {
                    today: Some(today),
                    lang,
                    ..RunOptions::default()
                };
                let big = std::fs::metadata(&input).is_ok_and(|m| m.len() > STREAM_ABOVE_BYTES);
                let streamable = !matches!(format, Format::Xlsx);
                if stream && !streamable {
                    return Err("--stream writes csv or jsonl; an .xlsx is built whole".into());
                }
                if stream || big && streamable && profile.is_none() && stress.is_none() {
                    let format = match format {
                        Format::Csv => StreamFormat::Csv(CsvOptions {
                            bom,
                            excel_safe,
                            ..CsvOptions::default()
                        }),
                        Format::Jsonl => StreamFormat::Jsonl,
                        Format::Xlsx => unreachable!("checked above"),
                    };
                    match segment_streamed(&input, &output, &policy, &read, &run_opts, format) {
                        Err(lendseg::stream::StreamError::NotStreamable(why)) if !stream => {
                            eprintln!(
                                "lendseg: {}: not streamed ({why}); reading it whole",
                                input.display()
                            );
                        }
                        other => return other.map_err(|e| format!("{}: {e}", input.display())),
                    }
                }
                let bytes = read_input(&input)?;
                let (dataset, results) = lendseg::segment_bytes(&bytes, &policy, &read, &run_opts);
                let out = match format {
                    Format::Csv => output::to_csv(
                        &results,
                        CsvOptions {
                            bom,
                            excel_safe,
                            ..CsvOptions::default()
                        },
                    ),
                    Format::Jsonl => output::to_jsonl(&results),
                    #[cfg(feature = "xlsx")]
                    Format::Xlsx => output::xlsx::to_xlsx(&results)?,
                    #[cfg(not(feature = "xlsx"))]
                    Format::Xlsx => return Err("--format xlsx needs the xlsx feature".into()),
                };
                write_output(&output, &out)?;
                if let Some(path) = profile {
                    let profiles = lendseg::profile::profile(&results, &dataset, &policy);
                    write_output(&Some(path), &lendseg::profile::to_csv(&profiles))?;
                }
                if let (Some(name), Some(path)) = (stress, stress_out) {
                    let m =
                        lendseg::stress::migration(&dataset, &results, &policy, &name, &run_opts)?;
                    write_output(&Some(path), &m.to_csv())?;
                    eprintln!(
                        "lendseg: stress '{name}': {} downgraded, {} unchanged, {} upgraded; mean PD {:.4} → {:.4}",
                        m.downgraded, m.unchanged, m.upgraded, m.mean_pd_base, m.mean_pd_stressed
                    );
                }
                let issues: Vec<_> = dataset.issues.iter().chain(&results.issues).collect();
                for issue in &issues {
                    eprintln!("{}: {issue}", input.display());
                }
                eprintln!(
                    "lendseg: {} rows read as {}, {} issues",
                    results.len(),
                    dataset.encoding,
                    issues.len()
                );
                let fatal = issues
                    .iter()
                    .any(|i| i.severity == Severity::Error && i.row.is_none());
                Ok(if fatal {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                })
            }
            Command::Policy { action } => match action {
                PolicyAction::Schema => {
                    println!("{}", policy::json_schema());
                    Ok(ExitCode::SUCCESS)
                }
                PolicyAction::Validate { file } => {
                    let text = std::fs::read_to_string(&file)
                        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
                    match policy::parse(&text) {
                        Ok(p) => {
                            println!(
                                "{}: valid policy '{}' (version {})",
                                file.display(),
                                p.name,
                                p.version
                            );
                            Ok(ExitCode::SUCCESS)
                        }
                        Err(err) => {
                            for e in &err.errors {
                                println!("{}: {e}", file.display());
                            }
                            Ok(ExitCode::from(1))
                        }
                    }
                }
                PolicyAction::Show { policy } => {
                    println!("{}", load_policy(&policy)?.to_json());
                    Ok(ExitCode::SUCCESS)
                }
            },
            Command::Rfm {
                input,
                as_of,
                policy,
                money_unit,
                output,
            } => {
                let policy = load_policy(&policy)?;
                let as_of = parse_date(&as_of)?;
                let bytes = read_input(&input)?;
                let read = ReadOptions {
                    money_unit: money(money_unit),
                    ..ReadOptions::default()
                };
                let ds = lendseg::ingest::read_delimited(
                    &bytes,
                    &read,
                    &lendseg::rfm::transaction_fields(),
                );
                for issue in &ds.issues {
                    eprintln!("{}: {issue}", input.display());
                }
                let (activity, skipped) = lendseg::rfm::aggregate(&ds, as_of);
                write_output(
                    &output,
                    &lendseg::rfm::activity_to_csv(&activity, &policy.rfm.segments),
                )?;
                eprintln!(
                    "lendseg: {} transactions, {} customers, {} skipped (no id or date, or after --as-of)",
                    ds.n_rows,
                    activity.len(),
                    skipped
                );
                Ok(ExitCode::SUCCESS)
            }
            Command::Train {
                input,
                target,
                bad_value,
                exclude,
                base_policy,
                min_iv,
                max_bins,
                min_bin_share,
                cuts,
                output,
                report,
            } => {
                use lendseg::train;
                let base = load_policy(&base_policy)?;
                let bytes = read_input(&input)?;
                let mut settings = train::settings::TrainSettings {
                    target,
                    bad_value,
                    exclude,
                    min_iv: Some(min_iv),
                    max_bins: Some(max_bins),
                    min_bin_share: Some(min_bin_share),
                    ..Default::default()
                };
                for c in &cuts {
                    let (col, list) = c
                        .split_once('=')
                        .ok_or_else(|| format!("--cuts '{c}': expected COLUMN=c1,c2,…"))?;
                    let values = list
                        .split(',')
                        .map(|v| {
                            v.trim()
                                .parse::<f64>()
                                .map_err(|_| format!("--cuts '{c}': '{v}' is not a number"))
                        })
                        .collect::<Result<Vec<f64>, String>>()?;
                    settings.cuts.insert(col.to_string(), values);
                }
                let started = std::time::Instant::now();
                let trained = train::settings::train_policy(&bytes, &settings, &base)?;
                let seconds = started.elapsed().as_secs_f64();
                for w in &trained.warnings {
                    eprintln!("lendseg: {w}");
                }
                let fitted = &trained.report;
                for w in &fitted.warnings {
                    eprintln!("lendseg: warning: {w}");
                }
                for d in &fitted.dropped {
                    eprintln!("lendseg: dropped {}: {}", d.name, d.message);
                }
                let selected: Vec<&str> = fitted
                    .scorecard
                    .features
                    .iter()
                    .map(|f| f.field.as_str())
                    .collect();
                let m = &fitted.train_metrics;
                eprintln!(
                    "lendseg: {} rows, {} bad; selected {}; train AUC {:.4}, Gini {:.4}, KS {:.4}; fit {:.1} ms",
                    m.n,
                    m.bads,
                    selected.join(", "),
                    m.auc,
                    m.gini,
                    m.ks,
                    seconds * 1000.0
                );
                if let Some(path) = report {
                    let json = serde_json::to_vec_pretty(fitted).map_err(|e| e.to_string())?;
                    write_output(&Some(path), &json)?;
                }
                let policy = trained.policy;
                write_output(&output, policy.to_json().as_bytes())?;
                Ok(ExitCode::SUCCESS)
            }
            Command::Evaluate {
                input,
                policy,
                target,
                bad_value,
                baseline,
                json,
            } => {
                use lendseg::train;
                let policy = load_policy(&policy)?;
                let bytes = read_input(&input)?;
                let base = baseline.as_ref().map(read_input).transpose()?;
                let spec = train::TableSpec {
                    target,
                    bad_value,
                    exclude: Vec::new(),
                };
                let e = train::evaluation::evaluate(&bytes, &policy, &spec, base.as_deref())
                    .map_err(|e| e.to_string())?;
                if json {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&e).map_err(|e| e.to_string())?
                    );
                    return Ok(ExitCode::SUCCESS);
                }
                let m = &e.metrics;
                println!(
                    "rows {}  bads {}  bad rate {:.4}  (unlabelled rows left out: {})",
                    m.n, m.bads, m.bad_rate, e.unlabelled_rows
                );
                println!("AUC {:.4}  Gini {:.4}  KS {:.4}", m.auc, m.gini, m.ks);
                println!("\ndecile  scores       count  bads  bad rate  cum capture  lift");
                for g in &m.gains {
                    println!(
                        "{:>6}  {:>4}–{:<4}  {:>6}  {:>4}  {:>8.4}  {:>11.4}  {:>4.2}",
                        g.group,
                        g.score_min,
                        g.score_max,
                        g.count,
                        g.bads,
                        g.bad_rate,
                        g.cum_bad_capture,
                        g.lift
                    );
                }
                println!("\ngrade  count  mean PD  observed");
                for g in &e.by_grade {
                    println!(
                        "{:<5}  {:>5}  {:>7.4}  {:>8.4}",
                        g.grade, g.count, g.mean_pd, g.observed_bad_rate
                    );
                }
                if let Some(p) = &e.score_psi {
                    println!("\nscore PSI {:.4} ({:?})", p.psi, p.light);
                    for f in &e.feature_csi {
                        println!("  CSI {:<28} {:.4} ({:?})", f.field, f.csi.psi, f.csi.light);
                    }
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::Cluster {
                input,
                policy,
                k,
                k_range,
                features,
                seed,
                n_init,
                robust,
                mini_batch,
                money_unit,
                output,
                report,
                save_model,
            } => {
                use lendseg::cluster::portfolio::{PortfolioSettings, cluster_portfolio};
                let mut policy = load_policy(&policy)?;
                let bytes = read_input(&input)?;
                let read = ReadOptions {
                    money_unit: money(money_unit),
                    ..ReadOptions::default()
                };
                let (dataset, results) =
                    lendseg::segment_bytes(&bytes, &policy, &read, &RunOptions::default());
                let k_range = match k_range {
                    Some(r) => {
                        let (a, b) = r.split_once("..").ok_or_else(|| {
                            format!("--k-range '{r}': expected LOW..HIGH, e.g. 2..10")
                        })?;
                        let parse = |v: &str| {
                            v.trim().parse::<usize>().map_err(|_| {
                                format!("--k-range '{r}': '{v}' is not a whole number")
                            })
                        };
                        Some([parse(a)?, parse(b)?])
                    }
                    None => None,
                };
                let settings = PortfolioSettings {
                    k,
                    k_range,
                    features,
                    seed,
                    n_init,
                    robust,
                    mini_batch,
                    ..PortfolioSettings::default()
                };
                let started = std::time::Instant::now();
                let out = cluster_portfolio(&dataset, &results, &policy, &settings)
                    .map_err(|e| e.to_string())?;
                eprintln!(
                    "lendseg: {} rows, features {}; k = {}, inertia {:.1}; {:.2} s",
                    results.len(),
                    out.features.join(", "),
                    out.k,
                    out.inertia,
                    started.elapsed().as_secs_f64()
                );
                if let Some(sel) = &out.selection {
                    for c in &sel.candidates {
                        let sil = c.silhouette.map_or("–".to_string(), |v| format!("{v:.4}"));
                        println!(
                            "k {:>2}  inertia {:>14.1}  silhouette {sil}",
                            c.k, c.inertia
                        );
                    }
                    println!("recommended k = {}", out.k);
                }
                for p in &out.profiles.clusters {
                    let rate = p
                        .default_rate
                        .map(|r| format!(", default rate {:.2}%", 100.0 * r))
                        .unwrap_or_default();
                    println!(
                        "cluster {}: {} customers ({:.1}%){rate}\n  {}\n  {}",
                        p.cluster + 1,
                        p.size,
                        100.0 * p.share,
                        p.description_zh,
                        p.description_en
                    );
                }
                println!("\ncluster × segment: {}", out.segments.columns.join(", "));
                for (i, row) in out.segments.counts.iter().enumerate() {
                    println!(
                        "  {:>2}: {}",
                        i + 1,
                        row.iter()
                            .map(|c| c.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                }
                if let Some(path) = output {
                    let mut w = csv::WriterBuilder::new()
                        .terminator(csv::Terminator::Any(b'\n'))
                        .from_writer(Vec::new());
                    w.write_record(["id", "cluster"])
                        .map_err(|e| e.to_string())?;
                    let ids = results.ids().into_iter().flat_map(|c| c.iter());
                    for (id, c) in ids.zip(&out.labels) {
                        w.write_record([id, &(c + 1).to_string()])
                            .map_err(|e| e.to_string())?;
                    }
                    write_output(&Some(path), &w.into_inner().map_err(|e| e.to_string())?)?;
                }
                if let Some(path) = report {
                    write_output(
                        &Some(path),
                        &serde_json::to_vec_pretty(&out).map_err(|e| e.to_string())?,
                    )?;
                }
                if let Some(path) = save_model {
                    policy.clusters = Some(out.model.clone());
                    let errors = policy::validate(&policy);
                    if !errors.is_empty() {
                        return Err(errors.join("; "));
                    }
                    write_output(&Some(path), policy.to_json().as_bytes())?;
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::DemoData {
                rows,
                seed,
                headers,
                output,
            } => {
                let headers = match headers {
                    Lang::En => HeaderLang::En,
                    Lang::Zh => HeaderLang::Zh,
                };
                let csv = demo_data::generate(&DemoOptions {
                    rows,
                    seed,
                    headers,
                    ..DemoOptions::default()
                });
                write_output(&output, csv.as_bytes())?;
                Ok(ExitCode::SUCCESS)
            }
        }
    }
}
