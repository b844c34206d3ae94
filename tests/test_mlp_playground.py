"""The live trainer, driven without a browser: its share-string, hidden groups, buttons, ticks, mouse."""

import asyncio
import io
import time

import numpy as np
import pytest
from PIL import Image

from helpers.mlp_playground import PlaygroundState, mlp_playground
from helpers.playground.palette import colours
from helpers.playground.picture import MAP_SIZE, MAP_X, MAP_Y, RES, TILE
from helpers.png import shown_picture


def test_the_state_string_rebuilds_exactly_the_same_playground():
    p = mlp_playground(dataset="spiral", layers=(6, 3), features=("x1", "x2", "sinx1"), lr=0.1,
                       regularization="L2", reg_rate=0.001, batch_size=5, train_percent=70, noise=0.1)
    p.reset_button.click()
    p.regenerate_button.click()  # both seeds moved: the string must carry them
    q = mlp_playground(state=p.state)
    assert q.state == p.state and q.current_state() == p.current_state()
    assert np.array_equal(q.session.X_train, p.session.X_train)
    pairs = zip(q.session.affines, p.session.affines, strict=True)
    assert all(np.array_equal(a.params["W"], b.params["W"]) for a, b in pairs)
    p.step(3)
    q.step(3)
    assert q.trainer.history["loss"] == p.trainer.history["loss"] and q.figure.png() == p.figure.png()


def test_set_state_and_settings_agree():
    p = mlp_playground()
    p.set_state("data=circle&net=3&x=x1sq,x2sq&act=relu&seed=4")
    assert p.current_state() == PlaygroundState(dataset="circle", layers=(3,), features=("x1sq", "x2sq"),
                                                activation="relu", seed=4)
    assert p.settings["hidden_layers"] == 1 and p.settings["x1sq"] and not p.settings["x1"]
    p.restore_defaults()
    assert p.current_state().replace(seed=0) == PlaygroundState()


def test_hide_hides_whole_groups_and_nothing_else():
    p = mlp_playground(hide=("features", "regularisation", "network"))
    c = p.controls
    assert all(c[name].layout.display == "none" for name in ("x1", "sinx2", "regularization", "reg_rate",
                                                            "hidden_layers", "neurons_1"))
    assert c["lr"].layout.display is None and c["dataset"].layout.display is None
    with pytest.raises(ValueError, match="hide must be a tuple of"):
        mlp_playground(hide=("colours",))


def test_the_layer_sliders_follow_the_number_of_hidden_layers():
    p = mlp_playground(layers=(4, 2))
    p.controls["hidden_layers"].value = 3
    assert [p.controls[f"neurons_{k}"].layout.display for k in (1, 3, 4)] == [None, None, "none"]
    p.controls["neurons_2"].value = 7
    assert p.current_state().layers == (4, 7, 4) and "-4-7-4-1" in p.status.value


def test_step_trains_one_epoch_and_ticks_train_only_while_train_is_on():
    p = mlp_playground()
    p.step_button.click()
    assert p.trainer.epoch == 1 and "epoch 1</b>" in p.status.value
    p.player.play.value += 1
    assert p.trainer.epoch == 1  # paused: a stray tick does nothing
    p.train_button.value = True
    assert p.player.play.playing and p.train_button.description == "Pause"
    for _ in range(3):
        p.player.play.value += 1
    assert p.trainer.epoch == 4 and p.update_rate()["median_frame_ms"] > 0
    shown = Image.open(io.BytesIO(shown_picture(p.figure.image)))  # every frame exactly, training or not
    assert shown.format == "PNG" and np.array_equal(np.asarray(shown), p.figure.frame)
    p.train_button.value = False
    assert shown_picture(p.figure.image).startswith(b"\x89PNG")


def test_reset_and_new_data_are_separate():
    p = mlp_playground()
    X, W = p.session.X_train.copy(), p.session.affines[0].params["W"].copy()
    p.step(2)
    p.reset_button.click()
    assert p.trainer.epoch == 0 and np.array_equal(p.session.X_train, X)
    assert not np.array_equal(p.session.affines[0].params["W"], W)
    W = p.session.affines[0].params["W"].copy()
    p.regenerate_button.click()
    assert not np.array_equal(p.session.X_train, X) and np.array_equal(p.session.affines[0].params["W"], W)


def test_rates_change_on_the_fly_and_the_network_restarts():
    p = mlp_playground()
    p.step(3)
    p.controls["lr"].value = 0.3
    p.controls["regularization"].value = "L2"
    assert p.trainer.epoch == 3 and p.trainer.optimizer.lr == 0.3 and p.trainer.optimizer.regularization == "L2"
    p.controls["activation"].value = "relu"
    assert p.trainer.epoch == 0 and "relu" in p.status.value
    p.controls["x1"].value = p.controls["x2"].value = False  # the last input switched off comes back
    assert p.current_state().features == ("x1",)


def test_every_node_shows_its_own_heatmap_in_the_picture():
    p = mlp_playground(layers=(8,) * 6, features=tuple(PlaygroundState.__dataclass_fields__["features"].default))
    outputs = p.session.node_outputs(p._grid)
    for (col, i), (x, y) in p.picture.nodes.items():
        expected = colours(outputs[col][:, i].reshape(RES, RES)[::2, ::2])
        inner = slice(x + 4, x + TILE - 4)  # the links end at the tiles' left and right edges
        assert np.array_equal(p.figure.frame[y:y + TILE, inner], expected[:, 4:-4]), (col, i)
    assert len(p.picture.nodes) == 2 + 48 + 1


def test_hovering_a_neuron_shows_it_large_and_clicking_keeps_it():
    p = mlp_playground(layers=(4,))
    output_map = p.figure.frame[MAP_Y:MAP_Y + MAP_SIZE, MAP_X:MAP_X + MAP_SIZE].copy()
    x, y = p.picture.nodes[(1, 2)]
    p.mouse("mousemove", x + 5, y + 5)
    assert p.big_node() == (1, 2) and p.title == "layer 1, neuron 3"
    assert not np.array_equal(p.figure.frame[MAP_Y:MAP_Y + MAP_SIZE, MAP_X:MAP_X + MAP_SIZE], output_map)
    p.mouse("click", x + 5, y + 5)
    p.mouse("mouseleave", -1, -1)
    assert p.selected == (1, 2) and p.big_node() == (1, 2)
    p.mouse("click", x + 5, y + 5)  # a second click lets go
    assert p.big_node() == (2, 0)


def test_clicking_a_link_reads_its_weight_and_typing_sets_it():
    p = mlp_playground(layers=(2,))
    (x0, y0, x1, y1) = p.picture._ends[0]
    p.mouse("click", (x0 + x1) / 2, (y0 + y1) / 2)
    col, i, j = p.link
    assert p.link == p.picture.links[0] and not p.weight.disabled
    assert p.weight.value == pytest.approx(p.session.affines[col].params["W"][i, j], abs=1e-4)
    before = p.figure.frame.copy()
    p.weight.value = -2.0
    assert p.session.affines[col].params["W"][i, j] == -2.0 and not np.array_equal(p.figure.frame, before)


def test_discretize_paints_the_large_map_in_two_colours_and_test_points_can_be_shown():
    p = mlp_playground(discretize=True)
    big = p.figure.frame[MAP_Y + 5:MAP_Y + 40, MAP_X + 5:MAP_X + MAP_SIZE - 5].reshape(-1, 3)
    assert len(np.unique(big, axis=0)) <= 4  # two colours (plus the edges of points lying there)
    p.controls["show_test"].value = True
    assert p.title == "output (test points)"


def test_a_regression_set_trains_to_a_low_loss():
    p = mlp_playground(dataset="plane", layers=(), lr=0.01, batch_size=10)
    start = p.session.losses()[1]
    p.step(20)
    assert p.trainer.history["test_loss"][-1] < 0.001 < 0.01 < start
    assert "accuracy" not in p.status.value


def test_a_blown_up_network_is_reported_and_training_pauses():
    p = mlp_playground(dataset="spiral", layers=(8, 8), activation="relu", lr=10.0)
    p.train_button.value = True
    for affine in p.session.affines:
        affine.params["W"] *= 1e150  # what a runaway learning rate does, in one go
    p.player.play.value += 1
    assert p.session.diverged and not p.train_button.value and "diverged" in p.status.value


def test_an_error_in_a_frame_pauses_training_and_is_shown():
    p = mlp_playground()
    p.train_button.value = True
    p.trainer.fit = lambda epochs: 1 / 0  # a broken trainer: the next frame raises
    p.player.play.value += 1
    assert not p.train_button.value and "error: division by zero" in p.status.value


def test_in_a_running_event_loop_each_tick_draws_two_frames_and_nothing_piles_up():
    p = mlp_playground()
    p.train_button.value = True

    async def ticks():
        p.player.play.value += 1  # queued on the loop: the kernel can answer the tick message first
        p.player.play.value += 1  # arrives while the first is still queued: dropped
        assert p.trainer.epoch == 0
        await asyncio.sleep(0)
        assert p.trainer.epoch == 1
        await asyncio.sleep(p.player.EXTRA_FRAME_DELAY + 0.02)
        assert p.trainer.epoch == 2  # the tick's extra frame
        p.player.play.value += 1
        p.train_button.value = False  # paused before the queued frames ran: they do nothing
        await asyncio.sleep(p.player.EXTRA_FRAME_DELAY + 0.02)
        assert p.trainer.epoch == 2

    asyncio.run(ticks())


def test_an_extra_frame_right_after_another_is_skipped():
    p = mlp_playground()
    p.train_button.value = True
    p.player.run_frame()
    p.player.log[-1] = (time.perf_counter(), 0.0)
    p.player.run_frame(extra=True)
    assert p.trainer.epoch == 1
    p.player.log[-1] = (time.perf_counter() - 1.0, 0.0)
    p.player.run_frame(extra=True)
    assert p.trainer.epoch == 2


def test_close_closes_every_widget_of_the_panel():
    p = mlp_playground()
    p.close()
    assert p.panel.comm is None and p.train_button.comm is None and p.figure.image.comm is None
    assert p.events.comm is None


def test_notebook_08s_imports_leave_matplotlibs_figures_out():
    """The playground draws with Pillow: notebook 08's first cell (the trainer, its lab and the exercise checks)
    imports no matplotlib figure or pyplot (about 0.3 s of that cell), in a fresh interpreter."""
    import subprocess
    import sys
    code = ("import sys\n"
            "from helpers.checks import check_xor_feature\n"
            "from helpers.mlp_playground import mlp_playground\n"
            "from helpers.playground.lab import trained_seeds\n"
            "mlp_playground(state='data=xor&net=2')\n"
            "print(sorted(m for m in ('matplotlib.figure', 'matplotlib.pyplot') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
