"""Self-checks for the exercises, one module per notebook (``nb01`` ... ``nb08``) behind one import path.

Each ``check_*`` prints a clear pass or a hint and returns True/False. A check never raises at the learner:
a wrong type or shape is reported as a hint that says what was expected (the shared parsing is in
``helpers.checks.answers``). Exercise cells call a check; worked solutions live in a collapsed "Solution" block.
"""

from helpers.checks.answers import report
from helpers.checks.nb01 import check_gate_weights, check_learning_step, check_nor_weights, check_predictions
from helpers.checks.nb02 import check_smallest_circle_units, check_xor_mlp_probability, check_xor_network
from helpers.checks.nb03 import (
    BASKET_EXERCISE,
    PURCHASE_EXERCISE,
    check_basket_gradients,
    check_divide_layer,
    check_purchase,
)
from helpers.checks.nb04 import check_chain_gradient, check_softplus, check_zero_centred
from helpers.checks.nb05 import (
    check_gd_step,
    check_hidden_error_signals,
    check_largest_stable_lr,
    check_output_error_signal,
    check_softmax_gradient,
)
from helpers.checks.nb06 import (
    check_batchnorm_backward,
    check_batchnorm_by_hand,
    check_he_std,
    check_steadiest_tanh_scheme,
    check_xavier_limit,
)
from helpers.checks.nb07 import check_final_state, check_rnn_param_count, check_rnn_shapes, check_rnn_step
from helpers.checks.nb08 import check_dead_count, check_defeats_network, check_spiral_recipe, check_xor_feature
