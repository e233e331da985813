#pragma once

#include "base/c_deleter.hpp"

#include <libical/ical.h>

#include <memory>

namespace lafita::feeds {

// libical handles, each freed by the function libical names for it.
using IcalComponent = std::unique_ptr<icalcomponent, CDeleter<icalcomponent_free>>;
using IcalRecurIterator = std::unique_ptr<icalrecur_iterator, CDeleter<icalrecur_iterator_free>>;

}  // namespace lafita::feeds
