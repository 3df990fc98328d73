"""The DeepCoder DSL: values, operations, programs, vocabulary, Python renderings.

Text formats (tokens are space separated):
  * value: `7`, `-3`, `[ 4 2 5 ]`, `[ ]`
  * program state: `x0 = [ 3 1 2 ] | x1 = 9`
  * program: `x0 = INPUT | x1 = Map (+1) x0 | x2 = Sum x1`
"""

from exedec_tf.dsl.deepcoder.config import DEFAULT_CONFIG, DeepCoderConfig
from exedec_tf.dsl.deepcoder.evaluation import run_program_on_strings
from exedec_tf.dsl.deepcoder.lambdas import (
    LAMBDAS,
    LAMBDAS_ONLY_MINUS_MIN,
    NAME_TO_LAMBDA,
    TOKEN_TO_LAMBDA,
    Lambda,
    LambdaType,
)
from exedec_tf.dsl.deepcoder.operations import (
    FIRST_ORDER_AND_MAP,
    FIRST_ORDER_OPERATIONS,
    HIGHER_ORDER_NO_MAP,
    HIGHER_ORDER_OPERATIONS,
    OPERATIONS,
    OPERATIONS_NO_SCAN,
    OPERATIONS_ONLY_SCAN,
    TOKEN_TO_OPERATION,
    FirstOrderOperation,
    HigherOrderOperation,
    Operation,
)
from exedec_tf.dsl.deepcoder.program import Program
from exedec_tf.dsl.deepcoder.python_exec import (
    dsl_namespace,
    dsl_program_to_python,
    run_python_program,
)
from exedec_tf.dsl.deepcoder.python_render import to_python_program
from exedec_tf.dsl.deepcoder.state import ProgramState
from exedec_tf.dsl.deepcoder.statement import Statement
from exedec_tf.dsl.deepcoder.trace import TraceStep, execution_trace
from exedec_tf.dsl.deepcoder.values import (
    Value,
    format_value,
    is_valid_value,
    parse_value,
    value_tokens,
)
from exedec_tf.dsl.deepcoder.variables import (
    all_variables,
    check_variable_token,
    is_variable_token,
    variable_index_from_token,
    variable_token,
)
from exedec_tf.dsl.deepcoder.vocabulary import (
    BOS,
    BOS_ID,
    EOS,
    EOS_ID,
    PAD,
    PAD_ID,
    SEP,
    SEP_ID,
    Vocabulary,
    get_vocabulary,
    ids_to_program,
    ids_to_spec_str,
    ids_to_tokens,
    program_to_ids,
    spec_str_to_ids,
    tokens_to_ids,
    vocab_size,
    vocab_tables,
)
from exedec_tf.dsl.errors import (
    DSLError,
    InternalError,
    ParseError,
    RunError,
    UnknownTokenError,
)

__all__ = [
    "BOS",
    "BOS_ID",
    "DEFAULT_CONFIG",
    "DSLError",
    "DeepCoderConfig",
    "EOS",
    "EOS_ID",
    "FIRST_ORDER_AND_MAP",
    "FIRST_ORDER_OPERATIONS",
    "FirstOrderOperation",
    "HIGHER_ORDER_NO_MAP",
    "HIGHER_ORDER_OPERATIONS",
    "HigherOrderOperation",
    "InternalError",
    "LAMBDAS",
    "LAMBDAS_ONLY_MINUS_MIN",
    "Lambda",
    "LambdaType",
    "NAME_TO_LAMBDA",
    "OPERATIONS",
    "OPERATIONS_NO_SCAN",
    "OPERATIONS_ONLY_SCAN",
    "Operation",
    "PAD",
    "PAD_ID",
    "ParseError",
    "Program",
    "ProgramState",
    "RunError",
    "SEP",
    "SEP_ID",
    "Statement",
    "TOKEN_TO_LAMBDA",
    "TOKEN_TO_OPERATION",
    "TraceStep",
    "UnknownTokenError",
    "Value",
    "Vocabulary",
    "all_variables",
    "check_variable_token",
    "dsl_namespace",
    "dsl_program_to_python",
    "execution_trace",
    "format_value",
    "get_vocabulary",
    "ids_to_program",
    "ids_to_spec_str",
    "ids_to_tokens",
    "is_valid_value",
    "is_variable_token",
    "parse_value",
    "program_to_ids",
    "run_program_on_strings",
    "run_python_program",
    "spec_str_to_ids",
    "to_python_program",
    "tokens_to_ids",
    "value_tokens",
    "variable_index_from_token",
    "variable_token",
    "vocab_size",
    "vocab_tables",
]
