"""tools/benchmark.py: the cascade and its coarse masks timed in turns, refinement as paired differences."""
from types import SimpleNamespace

import numpy as np

import mmrefine.apis
from ..helpers import load_tool

benchmark = load_tool('benchmark')


def test_modes_take_turns_after_a_warm_up_of_each(monkeypatch):
    clock = [0.0]
    calls = []

    def fake_segment(model, image, boxes):
        calls.append(model.enabled)
        clock[0] += 0.3 if model.enabled else 0.1  # refining costs 0.2 s per call

    monkeypatch.setattr(mmrefine.apis, 'segment_boxes', fake_segment)
    monkeypatch.setattr(benchmark.time, 'perf_counter', lambda: clock[0])
    model = SimpleNamespace(enabled=True)
    times = benchmark.time_runs(model, np.zeros((4, 4, 3), np.uint8), np.zeros((1, 4)), ['refined', 'coarse'], 3)
    # warm-ups (coarse, refined), then ABBA: refined, coarse | coarse, refined | refined, coarse
    assert calls == [False, True, True, False, False, True, True, False]
    assert np.allclose(times['refined'], 0.3) and np.allclose(times['coarse'], 0.1)
    assert np.allclose(np.subtract(times['refined'], times['coarse']), 0.2)


def test_a_model_without_a_refiner_is_timed_as_it_is(monkeypatch):
    seen = []
    monkeypatch.setattr(mmrefine.apis, 'segment_boxes', lambda model, image, boxes: seen.append(vars(model).copy()))
    model = SimpleNamespace()
    times = benchmark.time_runs(model, np.zeros((4, 4, 3), np.uint8), np.zeros((1, 4)), ['refined'], 2)
    assert len(times['refined']) == 2 and len(seen) == 3 and seen[0] == {}  # one warm-up; nothing switched


def test_the_machine_line_names_the_cpu_and_threads(tmp_path):
    info = tmp_path / 'cpuinfo'
    info.write_text('processor\t: 0\nmodel name\t: Test CPU 9000\nprocessor\t: 1\nmodel name\t: Test CPU 9000\n')
    line = benchmark.machine_line(2, str(info))
    assert line.startswith('CPU: Test CPU 9000, ') and line.endswith(', 2 threads')
    assert benchmark.machine_line(1, str(tmp_path / 'missing')).startswith('CPU: ?, ')
