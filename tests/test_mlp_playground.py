"""The live MLP trainer, driven without a browser: ticks train, buttons step and reset, controls rebuild."""

import time

import numpy as np

from helpers.mlp_playground import build_trainer, mlp_playground


def test_build_trainer_makes_the_network_the_controls_describe():
    trainer = build_trainer("circle", 0.0, hidden_layers=2, units=3, activation="relu", lr=0.1, seed=1)
    assert [type(layer).__name__ for layer in trainer.model.layers] == ["Affine", "ReLU", "Affine", "ReLU", "Affine"]
    assert trainer.X.shape == (200, 2) and trainer.optimizer.lr == 0.1


def test_ticks_train_only_while_train_is_on():
    p = mlp_playground(epochs_per_tick=5)
    p.play.value += 1
    assert p.trainer.epoch == 0  # paused: a stray tick does nothing
    p.train_button.value = True
    assert p.play.playing and p.train_button.description == "Pause"
    png = p.figure.image.value
    for _ in range(3):
        p.play.value += 1
    assert p.trainer.epoch == 15 and p.figure.image.value != png
    rate = p.update_rate()
    assert len(p.frame_log) == 3 and rate["updates_per_s"] > 0 and rate["median_frame_ms"] > 0
    p.train_button.value = False
    assert not p.play.playing and p.train_button.description == "Train"


def test_training_on_xor_reaches_high_accuracy_and_the_picture_says_so():
    p = mlp_playground("xor", 0.0, hidden_layers=1, units=4, lr=0.3)
    for _ in range(40):
        p.step_button.click()
    assert p.trainer.epoch == 200
    assert p.trainer.history["accuracy"][-1] >= 0.95
    assert p.trainer.history["loss"][-1] < p.trainer.history["loss"][0] / 3
    assert "epoch 200</b>" in p.status.value
    assert np.array_equal(p.loss_line.get_xdata(), np.arange(1, 201))
    assert p.ax_loss.get_xlim()[1] == 256  # the epoch axis grew by doubling


def test_changing_the_architecture_resets_and_lr_does_not():
    p = mlp_playground()
    p.step(10)
    p.lr.value = 0.03
    assert p.trainer.epoch == 10 and p.trainer.optimizer.lr == 0.03
    p.units.value = 2
    assert p.trainer.epoch == 0 and p.trainer.model.layers[0].params["W"].shape == (2, 2)
    assert "2-2-1" in p.status.value
    p.dataset.value = "spiral"
    assert "spiral accuracy" in p.status.value


def test_reset_draws_new_starting_weights():
    p = mlp_playground()
    w = p.trainer.model.layers[0].params["W"].copy()
    p.step()
    p.reset_button.click()
    assert p.trainer.epoch == 0 and p.seed == 1
    assert not np.array_equal(p.trainer.model.layers[0].params["W"], w)


def test_a_blown_up_network_is_reported_and_training_pauses():
    p = mlp_playground("spiral", 0.0, hidden_layers=3, units=8, activation="relu", lr=3.0)
    p.train_button.value = True
    for layer in p.trainer.model.layers[::2]:
        layer.params["W"] *= 1e120  # what a runaway learning rate does, in one go: scores overflow to inf
    p.play.value += 1
    assert p.diverged and not p.train_button.value
    assert "diverged" in p.status.value
    assert bytes(p.figure.image.value).startswith(b"\x89PNG")


def test_the_figure_is_built_once():
    p = mlp_playground()
    fig = p.figure.fig
    p.step()
    p.hidden_layers.value = 3
    p.step()
    assert p.figure.fig is fig and len(fig.axes) == 2 and len(fig.axes[0].images) == 1


def test_frames_are_jpeg_while_training_and_png_when_paused():
    p = mlp_playground()
    assert p.figure.image.format == "png" and bytes(p.figure.image.value).startswith(b"\x89PNG")
    p.train_button.value = True
    p.play.value += 1
    assert p.figure.image.format == "jpeg" and bytes(p.figure.image.value).startswith(b"\xff\xd8")
    p.train_button.value = False
    assert p.figure.image.format == "png" and bytes(p.figure.image.value).startswith(b"\x89PNG")


def test_in_a_running_event_loop_each_tick_draws_two_frames_and_nothing_piles_up():
    import asyncio

    p = mlp_playground(epochs_per_tick=5)
    p.train_button.value = True

    async def ticks():
        p.play.value += 1  # queued on the loop: the kernel can answer the tick message first
        p.play.value += 1  # arrives while the first is still queued: dropped
        assert p.trainer.epoch == 0
        await asyncio.sleep(0)
        assert p.trainer.epoch == 5  # the tick's frame
        await asyncio.sleep(p.EXTRA_FRAME_DELAY + 0.02)
        assert p.trainer.epoch == 10  # ... and its extra frame, half a tick later
        p.play.value += 1
        p.train_button.value = False  # paused before the queued frames ran: they do nothing
        await asyncio.sleep(p.EXTRA_FRAME_DELAY + 0.02)
        assert p.trainer.epoch == 10

    asyncio.run(ticks())
    assert len(p.frame_log) == 2


def test_an_extra_frame_right_after_another_is_skipped():
    p = mlp_playground(epochs_per_tick=5)
    p.train_button.value = True
    p._run_frame()
    p.frame_log[-1] = (time.perf_counter(), 0.0)  # as if that frame had just started
    p._run_frame(extra=True)  # within MIN_FRAME_GAP of it: skipped
    assert p.trainer.epoch == 5
    p.frame_log[-1] = (time.perf_counter() - 1.0, 0.0)  # long ago
    p._run_frame(extra=True)
    assert p.trainer.epoch == 10


def test_close_closes_every_widget_of_the_panel():
    p = mlp_playground()
    p.close()
    assert p.panel.comm is None and p.train_button.comm is None and p.figure.image.comm is None
