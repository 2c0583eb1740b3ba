// Loaded with %load helpers (IJava finds helpers.jsh): its declarations join the notebook's.
int twice(int x) {
    return 2 * x;
}
