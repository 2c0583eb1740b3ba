"""The standard jupyter_kernel_test suite (Debian's python3-jupyter-kernel-test) against our kernel."""
import unittest

import jupyter_kernel_test

from kernel_session import kernelspec

kernelspec.use_built_kernel()


class ConcurrencyLabKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "concurrency-lab"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    completion_samples = [{"text": "Math.ab", "matches": {"abs(", "absExact("}}]
    complete_code_samples = ["1 + 1", "int x = 3;", "void f() { }"]
    incomplete_code_samples = ["void f() {", "for (int i = 0; i < 3; i++) {"]
    invalid_code_samples = ["int 1x = 3;", "void f() }"]
    code_page_something = "Math.abs?"
    code_generate_error = "throw new RuntimeException(\"boom\");"
    code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": "\"con\" + \"currency\"", "result": "concurrency"}]
    code_display_data = [{"code": "display(new org.knowm.xchart.XYChart(200, 100));", "mime": "image/png"}]
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.abs"
    code_clear_output = "clearOutput(false);"


if __name__ == "__main__":
    unittest.main()
