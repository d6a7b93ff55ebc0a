autocmd BufRead,BufNewFile *.perf setfiletype perf
