"""Pure operations across editions (compare, locks and corrections, scaffolds): model in, data out, no I/O."""
