//! The `lendseg` command line: a thin shell over the core (read the file, run, write). All logic
//! lives in the library so the CLI, Node and the browser give identical results.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
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
            } => {
                let policy = load_policy(&policy)?;
                let bytes = read_input(&input)?;
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
                };
                let (dataset, results) = lendseg::segment_bytes(&bytes, &policy, &read, &run_opts);
                let out = match format {
                    Format::Csv => output::to_csv(&results, CsvOptions { bom, excel_safe }),
                    Format::Jsonl => output::to_jsonl(&results),
                };
                write_output(&output, &out)?;
                if let Some(path) = profile {
                    let profiles = lendseg::profile::profile(&results, &dataset, &policy);
                    write_output(&Some(path), &lendseg::profile::to_csv(&profiles))?;
                }
                if let (Some(name), Some(path)) = (stress, stress_out) {
                    let m = lendseg::stress::migration(&dataset, &policy, &name, &run_opts)?;
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
