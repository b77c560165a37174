/**
 * The system tasks and functions the front-end knows: IEEE 1364-2005 clauses 17 and 18, the
 * optional ones of Annex C, what Icarus Verilog and Verilator provide besides, and the
 * SystemVerilog ones they accept in Verilog files. A name outside this list is a warning, not an
 * error: a simulator may add system tasks through the PLI.
 */

/** System functions that return a real. */
export const realSystemFunctions = new Set([
  '$realtime', '$itor', '$bitstoreal', '$ln', '$log10', '$exp', '$sqrt', '$pow', '$floor', '$ceil', '$sin', '$cos', '$tan',
  '$asin', '$acos', '$atan', '$atan2', '$hypot', '$sinh', '$cosh', '$tanh', '$asinh', '$acosh', '$atanh', '$abstime',
  '$simparam',
]);

const names = `
$display $displayb $displayh $displayo $write $writeb $writeh $writeo $strobe $strobeb $strobeh $strobeo
$monitor $monitorb $monitorh $monitoro $monitoroff $monitoron
$fopen $fclose $fdisplay $fdisplayb $fdisplayh $fdisplayo $fwrite $fwriteb $fwriteh $fwriteo $fstrobe $fstrobeb
$fstrobeh $fstrobeo $fmonitor $fmonitorb $fmonitorh $fmonitoro $fflush $fgetc $ungetc $fgets $fscanf $sscanf $fread
$fseek $ftell $rewind $ferror $feof $fputc $sformat $sformatf $swrite $swriteb $swriteh $swriteo $readmemb $readmemh
$writememb $writememh $sreadmemb $sreadmemh $readmempath $sdf_annotate $fopena $fopenr $fopenw
$printtimescale $timeformat $finish $stop $finish_and_return $time $stime $realtime $abstime $simtime
$rtoi $itor $realtobits $bitstoreal $signed $unsigned $random $urandom $urandom_range $dist_uniform $dist_normal
$dist_exponential $dist_poisson $dist_chi_square $dist_t $dist_erlang $mti_random $mti_dist_uniform
$test$plusargs $value$plusargs $clog2 $ln $log10 $exp $sqrt $pow $floor $ceil $sin $cos $tan $asin $acos $atan
$atan2 $hypot $sinh $cosh $tanh $asinh $acosh $atanh $abs $min $max
$dumpfile $dumpvars $dumpon $dumpoff $dumpall $dumplimit $dumpflush $dumpports $dumpportson $dumpportsoff
$dumpportsall $dumpportslimit $dumpportsflush
$q_initialize $q_add $q_remove $q_full $q_exam
$async$and$array $async$nand$array $async$or$array $async$nor$array $async$and$plane $async$nand$plane
$async$or$plane $async$nor$plane $sync$and$array $sync$nand$array $sync$or$array $sync$nor$array $sync$and$plane
$sync$nand$plane $sync$or$plane $sync$nor$plane
$countdrivers $getpattern $incsave $input $key $list $log $nokey $nolog $reset $reset_count $reset_value $restart
$save $scale $scope $showscopes $showvars $deposit $comment $date $version $timescale $timezero $table_model
$simparam $simparam$str
$bits $size $left $right $low $high $increment $dimensions $unpacked_dimensions $countones $onehot $onehot0
$isunknown $countbits $error $fatal $warning $info $cast $typename $past $rose $fell $stable $changed $sampled
$root $unit $assertoff $asserton $assertkill $system $psprintf
$setup $hold $setuphold $recovery $removal $recrem $skew $timeskew $fullskew $width $period $nochange
`;

export const knownSystemNames = new Set(names.split(/\s+/).filter(Boolean));
