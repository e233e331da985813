#pragma once

#include "feeds/item.hpp"
#include "kiosk/slides/date_formatter.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace lafita::kiosk {

// The words a slide's template puts around an item's own text. Every value inserted into
// template text (a date, a time, a place, a name, a number) is isolated: wrapped in FSI …
// PDI, so that bidi orders it as a unit by its own first strong letter, and neither the
// value nor its neighbours are reordered ("2023-2024" stays as written inside Arabic).

std::u32string isolated(std::string_view value);  // empty for an empty value

// Text from a feed as one paragraph: line breaks become spaces.
std::u32string one_paragraph(std::string_view value);

// "when • where": the item's date (and time) and its place, each isolated; empty if neither.
std::u32string meta_line(const DateFormatter& dates, const feeds::Item& item);

// The header clock: the weekday and date, the Hijri date when `hijri_adjust` is given
// (moved by that many days), then the time, each isolated.
std::u32string clock_line(const DateFormatter& dates, feeds::Time now, std::optional<int> hijri_adjust = std::nullopt);
// "آخر تحديث 13:05" / "Last updated 13:05": the time, with the date when not `now`'s day.
std::u32string last_updated_line(const DateFormatter& dates, feeds::Time updated, feeds::Time now,
                                 const std::string& language);

// An alert's band: its severity in words ("إنذار: خطر شديد" / "Severe danger"), then its
// event, isolated; "تمرين" / "EXERCISE" (or a test's) first, so that a drill never reads as real.
std::u32string alert_heading(const feeds::Alert& alert, const std::string& language);
// "صدر 30 نوفمبر 2026 09:15" / "Issued 30 Nov 2026 09:15": when an alert was issued.
std::u32string issued_line(const DateFormatter& dates, feeds::Time sent, const std::string& language);

// "1/2" in the language's numerals, isolated as one value.
std::u32string page_number(const DateFormatter& dates, int page, int pages);

// Words for reading time: runs of characters between spaces.
size_t count_words(std::u32string_view text);

}  // namespace lafita::kiosk
