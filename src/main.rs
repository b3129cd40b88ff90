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
    use lendseg::dataset::Severity;
    use lendseg::demo_data::{self, DemoOptions, HeaderLang};
    use lendseg::fields::MoneyUnit;
    use lendseg::ingest::ReadOptions;
    use lendseg::output::{self, CsvOptions};
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

    #[derive(Subcommand)]
    enum Command {
        /// Classify every customer of a CSV file (UTF-8, UTF-8 with BOM or GBK) and write one result
        /// row per input row. Problems are listed on stderr with their row and column.
        Segment {
            /// Input file (CSV or tab-separated); `-` reads standard input.
            input: PathBuf,
            /// Unit of money columns whose header does not name one.
            #[arg(long, value_enum, default_value = "yuan")]
            money_unit: Unit,
            #[arg(long, value_enum, default_value = "csv")]
            format: Format,
            /// Output file (default: standard output).
            #[arg(short, long)]
            output: Option<PathBuf>,
            /// Start CSV output with a UTF-8 BOM (for Excel).
            #[arg(long)]
            bom: bool,
            /// Neutralise cells starting with = + - @ against spreadsheet formula injection.
            #[arg(long)]
            excel_safe: bool,
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
                money_unit,
                format,
                output,
                bom,
                excel_safe,
            } => {
                let bytes = read_input(&input)?;
                let opts = ReadOptions {
                    money_unit: match money_unit {
                        Unit::Yuan => MoneyUnit::Yuan,
                        Unit::Wan => MoneyUnit::Wan,
                    },
                    ..ReadOptions::default()
                };
                let (dataset, results) = lendseg::segment_bytes(&bytes, &opts);
                let out = match format {
                    Format::Csv => output::to_csv(&results, CsvOptions { bom, excel_safe }),
                    Format::Jsonl => output::to_jsonl(&results),
                };
                write_output(&output, &out)?;
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
