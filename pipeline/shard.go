package pipeline

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Shard is the K-th (1-based) of N deterministic slices of the sorted
// input list: job i belongs to shard (i mod N)+1, so shards are balanced
// and a CI matrix covers every input exactly once.
type Shard struct{ K, N int }

// ParseShard reads "K/N", or "auto" from the CI environment:
// CI_NODE_INDEX/CI_NODE_TOTAL (GitLab parallel, 1-based; also set by
// several other CI systems) or JOB_COMPLETION_INDEX (Kubernetes Indexed
// Jobs, 0-based) with the total from CI_NODE_TOTAL or FOLIO_SHARDS.
func ParseShard(s string, getenv func(string) string) (Shard, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if s == "" {
		return Shard{1, 1}, nil
	}
	if s == "auto" {
		return autoShard(getenv)
	}
	k, n, ok := strings.Cut(s, "/")
	if !ok {
		return Shard{}, fmt.Errorf("--shard %q: want K/N, e.g. 2/4, or auto", s)
	}
	return makeShard(k, n)
}

func autoShard(getenv func(string) string) (Shard, error) {
	if idx, tot := getenv("CI_NODE_INDEX"), getenv("CI_NODE_TOTAL"); idx != "" && tot != "" {
		return makeShard(idx, tot)
	}
	if idx := getenv("JOB_COMPLETION_INDEX"); idx != "" {
		tot := getenv("FOLIO_SHARDS")
		if tot == "" {
			tot = getenv("CI_NODE_TOTAL")
		}
		if tot == "" {
			return Shard{}, fmt.Errorf("--shard auto: JOB_COMPLETION_INDEX is set but not the total; set FOLIO_SHARDS to the Job's completions")
		}
		i, err := strconv.Atoi(idx)
		if err != nil {
			return Shard{}, fmt.Errorf("--shard auto: JOB_COMPLETION_INDEX=%q is not a number", idx)
		}
		return makeShard(strconv.Itoa(i+1), tot)
	}
	// Processing everything here would make every node of a CI matrix do
	// the whole job, silently.
	return Shard{}, fmt.Errorf("--shard auto: none of CI_NODE_INDEX/CI_NODE_TOTAL or JOB_COMPLETION_INDEX is set; write --shard K/N, or leave --shard out to process every input")
}

func makeShard(k, n string) (Shard, error) {
	ki, err1 := strconv.Atoi(strings.TrimSpace(k))
	ni, err2 := strconv.Atoi(strings.TrimSpace(n))
	if err1 != nil || err2 != nil || ni < 1 || ki < 1 || ki > ni {
		return Shard{}, fmt.Errorf("shard %s/%s: want 1 ≤ K ≤ N", k, n)
	}
	return Shard{ki, ni}, nil
}

// Select returns the jobs of this shard, keeping their order.
func (s Shard) Select(jobs []Job) []Job {
	if s.N <= 1 {
		return jobs
	}
	var out []Job
	for i, j := range jobs {
		if i%s.N == s.K-1 {
			out = append(out, j)
		}
	}
	return out
}
