#pragma once

// Internal to extract/rules: lengths in tables flattened into one paragraph ("Table 1 Summary of
// cells ... Anode (process/thickness) Electrolyte (process/thickness) ... Pt (SP/80 nm) YSZ (SP/100
// nm) ..."), where the dimension a length measures is named once, in a column header, and no cue
// word stands next to the length itself.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "extract/rules/quantities.h"

namespace synthdb::rules {

// A length that a table's header names as a product dimension. Offsets are bytes.
struct TableLength {
  size_t begin = 0, end = 0;                // the span: a length quantity, or a bare number
  std::optional<double> value, min, max;  // nm
  std::string_view dimension;               // "thickness", "diameter", "size", "pore", "length", "width"
  std::string_view type = "size";           // or an optical column's outcome (s21-optics): "pl_peak",
                                            // "absorption_peak", "fwhm", "plqy", "yield", "band_gap";
                                            // `value` is then in that type's unit (nm, %, eV, meV)
  std::string_view unit;                    // fwhm only: "meV", or "nm" when the row has no PL peak
  size_t lead_begin = 0;                    // [lead_begin, begin): the cell's words before the span
  size_t subject_begin = 0, subject_end = 0;  // a column's header words before its dimension word
                                              // ("Electrolyte" of "Electrolyte thickness (nm)"); empty
                                              // in the first layout
  size_t table_begin = 0, cells_begin = 0;    // [table_begin, cells_begin): the caption and header
};

// The table lengths of one paragraph (`folded` = ascii_lower(text), `qs` its quantities, in text
// order), in text order, in two layouts:
//  - a length written with its unit in a cell of a table whose header names exactly one dimension
//    (thickness, diameter, particle/grain size, pore size, length, width) and no distance that is
//    no size (wavelength, radius, depth, spacing ...): "Thickness ... 1000 °C 26.84 5μm 11.53";
//  - a bare number in a column whose header names a dimension with its length unit ("Electrolyte
//    Thickness (nm) OCV (V) ... Pt-BZY-Pt 75 1.02 206 400"): taken from rows whose run of numbers
//    has exactly one number per unit-bearing column of the header, so that a row with a spanned
//    or missing cell is left out rather than misread;
//    The same rows give the optical outcomes of columns headed "PL (nm)", "λem (nm)", "Abs (nm)",
//    "LSPR (nm)", "FWHM (nm)"/"(meV)", "PLQY (%)", "QY (%)", "Yield (%)", "Eg (eV)" (`type`); a FWHM
//    in nm is put in meV around the PL peak of its row (s21-optics);
//  - when no table gave a length: a list of bare numbers after a dimension header with its unit and a
//    colon, in prose or a specification list without a caption ("TEM size (nm) of samples A, B and
//    C: 4.1, 5.6 and 7.9, respectively", "Size (nm): 5.2 ± 0.6; PL peak (nm): 520").
// `taken[i]` says that qs[i] already became an entity (it is left alone). Tables are found by their
// captions ("Table 2 Summary ...", "Table A1 ..."); a paragraph without one costs one find().
// The caller decides what a cell's or a column's words exclude (apparatus, purchased supports, sample
// forms: "AAO (−/100 μm)", "Pellet thickness (mm)").
std::vector<TableLength> table_lengths(std::string_view text, std::string_view folded,
                                       const std::vector<Quantity>& qs, const std::vector<uint8_t>& taken);

}  // namespace synthdb::rules
