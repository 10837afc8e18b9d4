# cycles
