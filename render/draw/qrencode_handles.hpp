#pragma once

#include "base/c_deleter.hpp"

#include <qrencode.h>

#include <memory>

namespace lafita::render {

// libqrencode's symbol, freed by the function libqrencode names for it.
using QrCodeHandle = std::unique_ptr<QRcode, CDeleter<QRcode_free>>;

}  // namespace lafita::render
