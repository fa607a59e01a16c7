#include "evp_functions.h"

namespace whlinst {

Result<EvpFunctions> EvpFunctions::find() {
  EvpFunctions table;
  WHLINST_EVP_FUNCTIONS(WHLINST_FUNCTION_LINKED)
  return table;
}

} // namespace whlinst
