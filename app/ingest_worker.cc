#include "app/ingest_worker.h"

#include <charconv>
#include <chrono>
#include <new>

#include <nlohmann/json.hpp>

#include "classify/method.h"
#include "extract/core/data_dir.h"
#include "extract/core/error.h"
#include "extract/pdf/paragraphs.h"
#include "extract/records/records.h"

namespace synthdb::app {

Pipeline::Pipeline(const std::filesystem::path& model)
    : classifier(model),
      synthdb_version(synthdb::synthdb_version()),
      pdf_version(pdf::version()),
      model_version(classifier.version()),
      rules_version(extractor.version()),
      version("synthdb-" + synthdb_version + "+" + pdf_version + "+" + model_version + "+" +
              classify::kMethodRulesVersion + "+" + rules_version + "+" + records::version()) {}

namespace {

std::string pipeline_version(const Pipeline& p, const std::string& model_part) {
  return "synthdb-" + p.synthdb_version + "+" + p.pdf_version + "+" + model_part + "+" +
         classify::kMethodRulesVersion + "+" + p.rules_version + "+" + records::version();
}

// Runs the rules on one paragraph; entities stay with that paragraph (provenance).
void extract_into(const Pipeline& pipeline, db::ParagraphResult& pr) {
  try {
    Extraction ex = pipeline.extractor.extract(pr.paragraph.text);
    pr.entities = std::move(ex.entities);
    pr.synthesis_status = to_string(ex.status);
    pr.extraction_status = "ok";
  } catch (const Error& e) {
    // One paragraph the rules cannot read does not cost the document.
    pr.extraction_status = std::string("failed: ") + e.what();
  }
}

}  // namespace

void Pipeline::set_threshold(double t) {
  threshold = t;
  std::string model_part = model_version;
  if (t >= 0) {
    // Shortest text that reads back as the same double: 0.9999999 must not print as "1".
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, t);
    model_part += "/threshold=" + std::string(buf, res.ptr);
  }
  version = pipeline_version(*this, model_part);
}

void analyse_document(const Pipeline& pipeline, const Document& doc, db::DocumentResult& out) {
  out.pipeline_version = pipeline.version;
  out.paragraphs.clear();
  out.paragraphs.reserve(doc.paragraphs.size());
  for (const Paragraph& p : doc.paragraphs) {
    db::ParagraphResult pr;
    pr.paragraph = p;
    if (p.kind == ParagraphKind::kBody) {
      classify::Prediction pred = pipeline.classifier.predict(p.text, p.section, "body", pipeline.threshold);
      pr.label = pred.label;
      pr.score = pred.score;
      pr.synthesis_score = pred.synthesis_score;
      pr.method = pred.method;
      pr.model_version = pipeline.model_version;
      // Extraction runs on synthesis paragraphs and, because a classifier miss there costs a whole
      // record, on every body paragraph of an experimental section too. Results paragraphs are
      // read as well: that is where papers report outcomes (size, PL) and failed attempts ("at
      // 120 °C no nanocrystals were formed"), which records::build attaches to their synthesis.
      if (pred.label == "synthesis" || p.section_type == SectionType::kExperimental ||
          p.section_type == SectionType::kResults)
        extract_into(pipeline, pr);
    } else if (p.kind == ParagraphKind::kAbstract || p.kind == ParagraphKind::kCaption) {
      // The abstract and figure/table captions often state the product's size and optical figures
      // ("Particles with a diameter of 4.3 nm emitted at 425 nm"); records::build links their
      // outcomes to the record they name, below what the body says (docs/records.md).
      extract_into(pipeline, pr);
    }
    out.paragraphs.push_back(std::move(pr));
  }
  // Synthesis records are built from the same labels and entities; in ingest they travel through
  // the worker pipe as JSON and are stored by the writer in cmd_ingest.cc (store()).
  std::vector<records::ParagraphLabel> labels;
  std::vector<Extraction> extractions;
  labels.reserve(out.paragraphs.size());
  extractions.reserve(out.paragraphs.size());
  for (const db::ParagraphResult& pr : out.paragraphs) {
    labels.push_back({pr.label, pr.score.value_or(0.0), pr.method});
    Extraction ex;
    ex.entities = pr.entities;
    ex.status = parse_synthesis_status(pr.synthesis_status).value_or(SynthesisStatus::kUnknown);
    extractions.push_back(std::move(ex));
  }
  std::vector<records::Synthesis> syntheses = records::build(doc, labels, extractions);
  out.records_json = syntheses.empty() ? "" : nlohmann::json(syntheses).dump();
}

db::DocumentResult process_document(const Pipeline& pipeline, const std::string& path,
                                    const std::string& sha256) {
  const auto t0 = std::chrono::steady_clock::now();
  db::DocumentResult out;
  out.sha256 = sha256;
  out.path = path;
  out.pipeline_version = pipeline.version;
  try {
    pdf::Options options;
    options.hash = false;  // the parent identified the file by its hash already
    Document doc = pdf::read_document(path, options);
    doc.sha256 = sha256;  // record keys are derived from it
    out.format = doc.format;
    out.meta = doc.meta;
    analyse_document(pipeline, doc, out);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    out.status = "failed";
    out.error = e.what();
    out.paragraphs.clear();
    out.records_json.clear();
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace synthdb::app
