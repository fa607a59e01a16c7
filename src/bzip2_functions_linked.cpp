#include "bzip2_functions.h"

namespace whlinst {

WHLINST_LINKED_FUNCTIONS(Bzip2Functions, WHLINST_LIBBZ2_FUNCTIONS)

} // namespace whlinst
