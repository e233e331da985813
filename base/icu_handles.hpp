#pragma once

#include "base/c_deleter.hpp"

#include <unicode/ubrk.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udateintervalformat.h>
#include <unicode/udatpg.h>
#include <unicode/unum.h>
#include <unicode/utext.h>

#include <memory>

namespace lafita {

// ICU's C objects, each closed by the function ICU names for it. In base/ because every
// layer above uses ICU: line breaking, dates, time zones, text cutting.
using IcuBreakIterator = std::unique_ptr<UBreakIterator, CDeleter<ubrk_close>>;
using IcuCalendar = std::unique_ptr<UCalendar, CDeleter<ucal_close>>;
using IcuDateFormat = std::unique_ptr<UDateFormat, CDeleter<udat_close>>;
using IcuIntervalFormat = std::unique_ptr<UDateIntervalFormat, CDeleter<udtitvfmt_close>>;
using IcuPatternGenerator = std::unique_ptr<UDateTimePatternGenerator, CDeleter<udatpg_close>>;
using IcuNumberFormat = std::unique_ptr<UNumberFormat, CDeleter<unum_close>>;
using IcuText = std::unique_ptr<UText, CDeleter<utext_close>>;

}  // namespace lafita
